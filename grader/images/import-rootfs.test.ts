import { describe, expect, it } from "vitest";
import { importChanges, smokeRunArgs } from "./import-rootfs";
import type { BaseImageRecipe } from "./recipes";

const recipe: BaseImageRecipe = {
  name: "golang:1.22",
  source: { kind: "debootstrap", include: [] },
  chroot: [],
  env: { PATH: "/go/bin:/usr/bin", GOPROXY: "off" },
  cmd: ["bash"],
  workdir: "/go",
  note: "n",
  smoke: "true",
};

describe("importChanges", () => {
  it("writes ENV, WORKDIR, CMD and LABEL lines docker import understands", () => {
    expect(importChanges(recipe, { "shipshape.base-image": "1" })).toEqual([
      'ENV PATH="/go/bin:/usr/bin"',
      'ENV GOPROXY="off"',
      "WORKDIR /go",
      'CMD ["bash"]',
      'LABEL shipshape.base-image="1"',
    ]);
  });

  it("quotes label values with spaces and quotes so they survive as one value", () => {
    const [line] = importChanges({ ...recipe, env: {}, workdir: undefined }, { note: 'say "hi" to curl -f' }).slice(-1);
    expect(line).toBe('LABEL note="say \\"hi\\" to curl -f"');
  });

  it("writes USER and ENTRYPOINT, and no CMD when the image has none (distroless: the entrypoint is the interpreter)", () => {
    const distroless = { ...recipe, env: {}, workdir: "/home/nonroot", user: "65532", entrypoint: ["/usr/bin/python3"], cmd: undefined };
    expect(importChanges(distroless, {})).toEqual(["WORKDIR /home/nonroot", "USER 65532", 'ENTRYPOINT ["/usr/bin/python3"]']);
  });
});

describe("smokeRunArgs", () => {
  it("runs a script through /bin/sh, and an argument list as it is where the image has no shell", () => {
    expect(smokeRunArgs("sha256:x", "true")).toEqual(["run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", "sha256:x", "-ec", "true"]);
    expect(smokeRunArgs("sha256:x", ["/usr/bin/python3", "-c", "pass"])).toEqual(["run", "--rm", "--network", "none", "--entrypoint", "/usr/bin/python3", "sha256:x", "-c", "pass"]);
  });
});
