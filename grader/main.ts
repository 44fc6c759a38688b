// The grading service: `npm run grader`. Config is validated before anything starts (a bad limit exits with the
// variable's name); the engine must answer; SIGTERM stops accepting, lets gradings finish, then exits.
import { ConfigError, loadConfig } from "./config";
import { EngineUnavailable, Grader } from "./grading/grader";
import { createLogger } from "./logger";
import { createGraderServer } from "./server";

async function main(): Promise<void> {
  const config = loadConfig({ requireToken: true });
  const log = createLogger(config.logLevel);
  const grader = await Grader.start(config, log, { sweep: true, provisionBaseImages: true });
  const server = createGraderServer(grader, config);
  server.listen(config.port, config.host, () => log.info({ host: config.host, port: config.port }, "grader listening"));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    server.close();
    void grader.close(config.limits.shutdownGraceMs).then(() => {
      server.closeAllConnections();
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof EngineUnavailable) {
    process.stderr.write(`grader: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`grader: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
