import { describe, expect, it } from "vitest";
import { importChanges } from "./import-rootfs";
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
});
