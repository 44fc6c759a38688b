// Runs a benchmark module in a child Node whose `server-only` import resolves to an empty module
// (allow-server-only.mjs), so it can drive the web's server-only code, and hands its JSON result back to the parent.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const marker = "BENCH_CHILD_RESULT ";
const childFlag = "--bench-child";

export const childResult = {
  /** True in the child: the module should measure and send() instead of spawning itself again. */
  requested: () => process.argv.includes(childFlag),
  send: (result: unknown) => console.log(marker + JSON.stringify(result)),
};

export function inServerOnlyChild<T>(file: string, args: readonly string[]): Promise<T> {
  const allow = fileURLToPath(new URL("./allow-server-only.mjs", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", allow, file, ...args, childFlag], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(marker));
      if (code === 0 && line) resolve(JSON.parse(line.slice(marker.length)) as T);
      else reject(new Error(`${file} exited with ${code} without a result`));
    });
  });
}
