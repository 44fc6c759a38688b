import { describe, expect, it } from "vitest";
import { backportsSources, debootstrapArgs, isStrippedFile } from "./debootstrap-rootfs";

describe("debootstrapArgs", () => {
  it("builds a minbase bookworm with the cache and packages", () => {
    expect(
      debootstrapArgs({
        include: ["golang-1.22-go", "gcc"],
        cacheDir: "/c",
        target: "/t",
        mirror: "http://deb.debian.org/debian",
      }),
    ).toEqual([
      "--variant=minbase",
      "--cache-dir=/c",
      "--include=golang-1.22-go,gcc",
      "bookworm",
      "/t",
      "http://deb.debian.org/debian",
    ]);
  });

  it("leaves out an empty package list", () => {
    expect(debootstrapArgs({ include: [], cacheDir: "/c", target: "/t", mirror: "http://m" })).toEqual([
      "--variant=minbase",
      "--cache-dir=/c",
      "bookworm",
      "/t",
      "http://m",
    ]);
  });
});

describe("isStrippedFile", () => {
  it("drops downloaded packages, apt's binary caches, debconf backups and logs", () => {
    for (const file of ["var/cache/apt/archives/curl_7.88.deb", "var/cache/apt/pkgcache.bin", "var/cache/debconf/config.dat-old", "var/log/dpkg.log", "var/log/apt/history.log"]) {
      expect(isStrippedFile(file), file).toBe(true);
    }
  });

  it("keeps debconf's live database and anything outside those places", () => {
    for (const file of ["var/cache/debconf/config.dat", "var/cache/debconf/templates.dat", "usr/bin/python3", "var/cache/apt/archives/lock"]) {
      expect(isStrippedFile(file), file).toBe(false);
    }
  });
});

describe("backportsSources", () => {
  it("names bookworm-backports on the chosen mirror", () => {
    expect(backportsSources("http://deb.debian.org/debian")).toBe("deb http://deb.debian.org/debian bookworm-backports main\n");
  });
});
