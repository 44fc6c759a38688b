// The busybox stand-in: the host's statically linked busybox (Debian's busybox-static) and a link per applet,
// plus the account files the real image has. Debian's build has no adduser applet, so these are written here.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { MissingToolError } from "./debootstrap-rootfs";
import { runCommand } from "./run-command";

const candidates = ["/bin/busybox", "/usr/bin/busybox"];

/** True when an ELF executable asks for no program interpreter, i.e. runs without a libc in the image. */
export function isStaticElf(binary: Buffer): boolean {
  const isElf64 = binary.length >= 64 && binary.readUInt32BE(0) === 0x7f454c46 && binary[4] === 2;
  if (!isElf64) return false;
  const phoff = Number(binary.readBigUInt64LE(0x20));
  const phentsize = binary.readUInt16LE(0x36);
  const phnum = binary.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > binary.length) return false;
    const PT_INTERP = 3;
    if (binary.readUInt32LE(at) === PT_INTERP) return false;
  }
  return true;
}

export async function findStaticBusybox(): Promise<{ file: string; sha256: string }> {
  for (const file of candidates.filter((c) => existsSync(c))) {
    const binary = await fs.readFile(file);
    if (isStaticElf(binary)) return { file, sha256: createHash("sha256").update(binary).digest("hex") };
  }
  throw new MissingToolError(
    "No statically linked busybox on this machine (the busybox image needs one). On Debian: apt-get install busybox-static",
  );
}

export const busyboxPasswd = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

export const busyboxGroup = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
mail:x:8:
wheel:x:10:root
www-data:x:33:
operator:x:37:
users:x:100:
nogroup:x:65534:
`;

export async function busyboxRootfs(root: string, busybox: string): Promise<void> {
  for (const dir of ["bin", "etc", "home", "root", "tmp", "usr/bin", "usr/sbin", "var/www"]) {
    await fs.mkdir(path.join(root, dir), { recursive: true });
  }
  await fs.chmod(path.join(root, "tmp"), 0o1777);
  await fs.chmod(path.join(root, "root"), 0o700);
  await fs.copyFile(busybox, path.join(root, "bin/busybox"));
  await fs.chmod(path.join(root, "bin/busybox"), 0o755);
  const { stdout } = await runCommand(busybox, ["--list"]);
  for (const applet of stdout.split("\n").map((l) => l.trim())) {
    if (!applet || applet === "busybox" || applet.includes("/")) continue;
    await fs.symlink("busybox", path.join(root, "bin", applet));
  }
  // Scripts start with #!/usr/bin/env more often than not.
  await fs.symlink("../../bin/busybox", path.join(root, "usr/bin/env"));
  await fs.writeFile(path.join(root, "etc/passwd"), busyboxPasswd);
  await fs.writeFile(path.join(root, "etc/group"), busyboxGroup);
}
