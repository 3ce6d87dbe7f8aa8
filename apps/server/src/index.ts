export { createApp, type AkuttApp, type AppOptions } from "./app.js";
export { startServer, type ServeOptions, isLoopback, DEFAULT_LIVE_DIR } from "./serve.js";
export { errorResponse, NotFoundError, BadRequestError, ConflictError, UnauthorizedError } from "./errors.js";
