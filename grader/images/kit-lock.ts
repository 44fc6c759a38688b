// One kit run at a time per checkout: two debootstraps into the same package cache, or two imports racing for
// the same tag, would corrupt each other. A lock left by a run that died is taken over.
import fs from "node:fs/promises";

export class KitBusyError extends Error {
  override name = "KitBusyError";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock or throws KitBusyError naming the run that holds it; returns the release function. */
export async function acquireKitLock(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: "wx" });
      return () => fs.rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number.parseInt(await fs.readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new KitBusyError(`another base-image kit run (pid ${holder}) is working in this checkout; wait for it to finish`);
      }
      await fs.rm(file, { force: true });
    }
  }
  throw new KitBusyError(`could not take the kit lock ${file}`);
}
