// A tiny busybox base image for the grader's own tests and bench, imported from Debian's busybox-static in under
// a second. Its name is ours (not the kit's `busybox`), so tests do not depend on the base-image kit's timing.
// Tests arrange and assert through dockerode directly, independently of the sandbox code under test.
import fs from "node:fs";
import Docker from "dockerode";
import tar from "tar-stream";
import { loadConfig } from "@/grader/config";

export const testBaseImage = "shipshape-test/busybox:dev";
/** The same image untagged-looking, for fixtures that show what FROM without a tag does. */
const testBaseLatest = "shipshape-test/busybox:latest";
/** The names fixtures may build FROM, so test graders offer them. */
export const testBaseImages = [testBaseImage, testBaseLatest] as const;
const busyboxPath = "/bin/busybox";

export function testDocker(): Docker {
  const { dockerHost } = loadConfig({ requireToken: false });
  if (!dockerHost.startsWith("unix://")) throw new Error(`the grader's tests expect a local engine socket, not ${dockerHost}`);
  return new Docker({ socketPath: dockerHost.slice("unix://".length) });
}

/** Fails loudly, saying how to start an engine, instead of letting engine tests skip. */
export async function requireEngine(docker = testDocker()): Promise<Docker> {
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(
      `The grader's integration tests need a Docker engine and none answered (${err instanceof Error ? err.message : String(err)}). ` +
        "Start one as root: `apt-get install -y docker.io busybox-static && (dockerd >/var/log/dockerd.log 2>&1 &)`, or set DOCKER_HOST.",
    );
  }
  return docker;
}

export async function ensureTestBaseImage(docker = testDocker()): Promise<string> {
  const present = await docker.getImage(testBaseImage).inspect().then(() => true, () => false);
  if (!present) await importBusybox(docker);
  await docker.getImage(testBaseImage).tag({ repo: testBaseLatest.slice(0, testBaseLatest.indexOf(":")), tag: "latest" });
  return testBaseImage;
}

async function importBusybox(docker: Docker): Promise<void> {
  if (!fs.existsSync(busyboxPath)) throw new Error(`${busyboxPath} is missing: apt-get install -y busybox-static`);
  const pack = tar.pack();
  const mtime = new Date(0);
  for (const dir of ["bin", "etc", "tmp", "root", "www", "proc", "sys", "dev", "home"]) pack.entry({ name: dir, type: "directory", mode: dir === "tmp" ? 0o1777 : 0o755, mtime });
  pack.entry({ name: "bin/busybox", mode: 0o755, mtime }, fs.readFileSync(busyboxPath));
  const { execFileSync } = await import("node:child_process");
  const applets = execFileSync(busyboxPath, ["--list"], { encoding: "utf8" }).split("\n").filter((a) => a && a !== "busybox");
  for (const applet of applets) pack.entry({ name: `bin/${applet}`, type: "symlink", linkname: "busybox", mtime });
  pack.entry({ name: "etc/passwd", mode: 0o644, mtime }, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
  pack.entry({ name: "etc/group", mode: 0o644, mtime }, "root:x:0:\nnogroup:x:65534:\n");
  pack.finalize();
  const [repo, tag] = testBaseImage.split(":");
  const stream = await docker.importImage(pack as unknown as NodeJS.ReadableStream, { repo, tag, changes: ['ENV PATH=/bin', 'CMD ["sh"]'] });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
}
