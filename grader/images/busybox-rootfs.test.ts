import { closeSync, openSync, readSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { busyboxGroup, busyboxPasswd, isStaticElf } from "./busybox-rootfs";

describe("isStaticElf", () => {
  it("tells a dynamically linked program (it asks for an interpreter) from a static one", () => {
    // This very process is a dynamically linked ELF: node needs libc and the loader. Its headers are at the start.
    const head = Buffer.alloc(64 * 1024);
    const fd = openSync(process.execPath, "r");
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    expect(isStaticElf(head)).toBe(false);
  });

  it("accepts an ELF64 whose program headers name no interpreter", () => {
    const elf = Buffer.alloc(64 + 56 * 2);
    elf.writeUInt32BE(0x7f454c46, 0);
    elf[4] = 2;
    elf.writeBigUInt64LE(64n, 0x20);
    elf.writeUInt16LE(56, 0x36);
    elf.writeUInt16LE(2, 0x38);
    elf.writeUInt32LE(1, 64); // PT_LOAD
    elf.writeUInt32LE(4, 64 + 56); // PT_NOTE
    expect(isStaticElf(elf)).toBe(true);
    elf.writeUInt32LE(3, 64 + 56); // PT_INTERP
    expect(isStaticElf(elf)).toBe(false);
  });

  it("rejects what is not an ELF64 file", () => {
    expect(isStaticElf(Buffer.from("#!/bin/sh\necho hi\n"))).toBe(false);
  });
});

describe("busybox account files", () => {
  it("have root, nobody and a consistent group for every user", () => {
    const groups = new Set(busyboxGroup.trim().split("\n").map((l) => l.split(":")[2]));
    const users = busyboxPasswd.trim().split("\n").map((l) => l.split(":"));
    expect(users.map((u) => u[0])).toEqual(expect.arrayContaining(["root", "nobody"]));
    for (const user of users) {
      expect(user).toHaveLength(7);
      expect(groups.has(user[3]), `group ${user[3]} of ${user[0]}`).toBe(true);
    }
  });
});
