// The web's HTTP server: Next's own request handler — what `next start` runs — with the reading-page cache in
// front of it (server/http/reading-page-cache.ts). scripts/start.ts runs it for `npm start` and the compose image;
// it serves an existing production build (NEXT_DIST_DIR) on HOST:PORT.
import http from "node:http";
import next from "next";
import { env } from "../server/env";
import { readingPageCacheBytes } from "../server/http/limits";
import { ReadingPageCache, withReadingPageCache } from "../server/http/reading-page-cache";

async function main(): Promise<void> {
  const app = next({ dev: false, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const cache = new ReadingPageCache({ maxBytes: readingPageCacheBytes, compress: env.COMPRESS_RESPONSES });
  const server: http.Server = http.createServer(withReadingPageCache(cache, app.getRequestHandler(), () => server));
  server.listen(env.PORT, env.HOST, () => console.log(`ready on http://${env.HOST}:${env.PORT}`));

  const stop = () => {
    server.close();
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
    void app.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
