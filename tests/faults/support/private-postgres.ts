// A PostgreSQL cluster of the fault suite's own (Debian's postgresql binaries, initdb + pg_ctl), on a loopback port
// and a socket folder of its own, so a test can stop and restart it without touching the cluster CI and colleagues
// share. PostgreSQL refuses to run as root, so when the suite runs as root the cluster belongs to `postgres`.
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PrivatePostgres {
  /** A superuser URL on the cluster's `postgres` database (createTestDb makes its databases from it). */
  url: string;
  /** Stops the server (fast: open connections are cut, as a crash or a failover would), waits `downMs`, starts it. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!version) throw new Error("the fault suite needs Debian's PostgreSQL server: apt-get install -y postgresql");
  return path.join(root, version, "bin");
}

export async function startPrivatePostgres(dir: string, port: number): Promise<PrivatePostgres> {
  const bin = binDir();
  const data = path.join(dir, "data");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  let uid = 0;
  if (asRoot) {
    uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    chownSync(dir, uid, Number((await run("id", ["-g", "postgres"])).stdout.trim()));
  }
  const as = (command: string, args: string[]) => (asRoot ? run("runuser", ["-u", "postgres", "--", command, ...args]) : run(command, args));
  const pgCtl = (args: string[]) => as(path.join(bin, "pg_ctl"), ["-D", data, "-w", "-t", "60", ...args]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
  await as(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
  const start = () => pgCtl(["-l", path.join(dir, "server.log"), "-o", options, "start"]);
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async restart(downMs) {
      await pgCtl(["-m", "fast", "stop"]);
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    async stop() {
      await pgCtl(["-m", "immediate", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
