import { describe, expect, it } from "vitest";
import { packageClosure, parseDpkgStatus } from "./debian-files";

// A cut of a real bookworm status file: continuation lines, version constraints, :any, alternatives, Provides,
// and a package that is known but not installed.
const status = `Package: python3.11-minimal
Status: install ok installed
Pre-Depends: libc6 (>= 2.35)
Depends: libpython3.11-minimal (= 3.11.2-6+deb12u9), libexpat1 (>= 2.1~beta3), zlib1g (>= 1:1.2.0)
Description: Minimal subset of the Python language
 continuation line: not a field

Package: libpython3.11-minimal
Status: install ok installed
Depends: libc6 (>= 2.14), libssl3 (>= 3.0.0)

Package: libpython3.11-stdlib
Status: install ok installed
Depends: libpython3.11-minimal (= 3.11.2-6+deb12u9), media-types | mime-support, libreadline8 (>= 7.0~beta), python3:any

Package: libreadline8
Status: install ok installed
Depends: readline-common, libc6 (>= 2.33)

Package: readline-common
Status: install ok installed
Depends: dpkg (>= 1.15.4) | install-info

Package: media-types
Status: install ok installed

Package: python3-minimal
Status: install ok installed
Provides: python3-any
Depends: dpkg (>= 1.13.20)

Package: python3
Status: deinstall ok config-files

Package: libc6
Status: install ok installed
Depends: libgcc-s1

Package: libgcc-s1
Status: install ok installed
Provides: libgcc1 (= 1:12.2.0-14)
Depends: libc6 (>= 2.35)

Package: libssl3
Status: install ok installed
Depends: libc6 (>= 2.34)

Package: libexpat1
Status: install ok installed
Depends: libc6 (>= 2.25)

Package: zlib1g
Status: install ok installed
Depends: libc6 (>= 2.14)

Package: dpkg
Status: install ok installed
`;

describe("parseDpkgStatus", () => {
  it("keeps installed packages with their dependencies as names, alternatives grouped", () => {
    const installed = parseDpkgStatus(status);
    expect(installed.map((p) => p.name)).not.toContain("python3");
    const stdlib = installed.find((p) => p.name === "libpython3.11-stdlib");
    expect(stdlib?.depends).toEqual([["libpython3.11-minimal"], ["media-types", "mime-support"], ["libreadline8"], ["python3"]]);
    expect(installed.find((p) => p.name === "python3.11-minimal")?.depends[0]).toEqual(["libc6"]);
    expect(installed.find((p) => p.name === "libgcc-s1")?.provides).toEqual(["libgcc1"]);
  });
});

describe("packageClosure", () => {
  const installed = parseDpkgStatus(status);

  it("follows dependencies to the libraries the interpreter loads, and no further than filesOnly allows", () => {
    const installedHere = installed.filter((p) => p.name !== "libpython3.11-stdlib");
    expect(packageClosure(installedHere, ["python3.11-minimal"], [])).toEqual([
      "libc6",
      "libexpat1",
      "libgcc-s1",
      "libpython3.11-minimal",
      "libssl3",
      "python3.11-minimal",
      "zlib1g",
    ]);
  });

  it("refuses a closure that would bring dpkg, unless the package that asks for it is taken as files only", () => {
    const withoutPython3 = installed.map((p) => (p.name === "libpython3.11-stdlib" ? { ...p, depends: p.depends.slice(0, 3) } : p));
    expect(() => packageClosure(withoutPython3, ["libpython3.11-stdlib"], [])).toThrow(/dpkg \(needed by readline-common\)/);
    expect(packageClosure(withoutPython3, ["libpython3.11-stdlib"], ["readline-common"])).toContain("readline-common");
    expect(packageClosure(withoutPython3, ["libpython3.11-stdlib"], ["readline-common"])).not.toContain("dpkg");
  });

  it("names a dependency the donor root does not hold", () => {
    expect(() => packageClosure(installed, ["libpython3.11-stdlib"], ["readline-common"])).toThrow(/python3 \(needed by libpython3.11-stdlib\) is not installed/);
  });
});
