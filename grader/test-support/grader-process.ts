// The grader service as a real process (`grader/main.ts`) on a loopback port, for tests that need the process
// itself: crash it (kill: SIGKILL), stop it as a deploy would (signal: SIGTERM), or talk to it over HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { settingTable } from "@/grader/config";
import { ensureTestBaseImage, requireEngine, testBaseImages } from "./test-base-image";

export const graderToken = "web-grading-test-token-0123456789";

export class GraderProcess {
  private child: ChildProcess | null = null;
  private exit: Promise<number | null> = Promise.resolve(null);
  readonly url: string;

  constructor(
    readonly port: number,
    private readonly name: string,
    /** More GRADER_* settings, e.g. GRADER_SHUTDOWN_GRACE_MS. */
    private readonly env: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    await ensureTestBaseImage(await requireEngine());
    // Two test files given one port used to talk to each other's grader (offering the other's images) until the
    // second one's start-up failure went unnoticed: refuse a port something already answers on.
    const taken = await fetch(`${this.url}/healthz`).then(
      () => true,
      () => false,
    );
    if (taken) throw new Error(`port ${this.port} already answers: another test's grader? Give ${this.name} a port of its own.`);
    const child = spawn(process.execPath, ["--import", "tsx", "grader/main.ts"], {
      env: {
        ...process.env,
        GRADER_PORT: String(this.port),
        GRADER_HOST: "127.0.0.1",
        GRADER_TOKEN: graderToken,
        GRADER_NAME: this.name,
        GRADER_LOG_LEVEL: "warn",
        // The tests' own busybox image is offered beside the lessons' images, as startTestGrader does.
        GRADER_OFFERED_IMAGES: [settingTable.offeredImages.default, ...testBaseImages].join(","),
        ...this.env,
      },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    });
    this.child = child;
    this.exit = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the grader exited with ${child.exitCode} at start-up`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the grader did not answer /healthz within 60 s");
  }

  /** Sends `signal` to the grader alone, as `docker stop` or Ctrl+C would; `exited` tells how it ended. */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** The exit code once the process has ended. */
  exited(): Promise<number | null> {
    return this.exit;
  }

  /** Stops it as a deploy would (SIGTERM): what is running finishes and is cleaned up, then it exits. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.signal("SIGTERM");
    await this.exit;
    this.child = null;
  }

  /** Kills the whole process group at once, like a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid, "SIGKILL");
    await this.exit;
    this.child = null;
  }
}
