import { defineConfig } from "vitest/config";

/** End-to-end tests in headless Chromium (npm run test:e2e); needs Debian's chromium (scripts/install-e2e-deps.sh). */
export default defineConfig({
  test: {
    include: ["apps/web/src/**/*.e2e.ts"],
    testTimeout: 90_000,
    hookTimeout: 30_000,
  },
});
