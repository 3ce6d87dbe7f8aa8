import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { buildWebAssets, type WebAssets } from "@akutt/web";

/** The page's static files: public (they hold no data; the page asks for the token). */
export function webRoutes(app: FastifyInstance): void {
  let assets: Promise<WebAssets> | undefined;
  const asset = (name: keyof WebAssets, type: string) => async (_request: FastifyRequest, reply: FastifyReply) => {
    assets ??= buildWebAssets();
    return reply.type(type).header("cache-control", "no-cache").send((await assets)[name]);
  };
  const options = { config: { public: true }, schema: { hide: true } };
  app.get("/", options, asset("index.html", "text/html; charset=utf-8"));
  app.get("/app.js", options, asset("app.js", "text/javascript; charset=utf-8"));
  app.get("/app.css", options, asset("app.css", "text/css; charset=utf-8"));
}
