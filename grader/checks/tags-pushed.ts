import { fail, pass, skip, type Check } from "./check";
import { namesCommit, ranPipeline, wantedTags } from "./pipeline-outcome";

export const tagsPushed: Check = {
  id: "tags-pushed",
  async run(s) {
    const spec = s.spec.pipeline;
    if (!spec) return skip("This exercise has no pipeline.");
    const run = await ranPipeline(s);
    const repo = spec.repository;
    const held = run.registry.tags;
    // The commit's tag may be the full or the short SHA; the others exactly as the scheme says.
    const found = wantedTags(spec.tags, run.commitSha).map((want) => ({ want, got: held.find((t) => (want === run.commitSha ? namesCommit(t.tag, run) : t.tag === want)) }));
    const evidence = { registry: held, wanted: found.map((f) => f.want) };
    const missing = found.filter((f) => !f.got).map((f) => `${repo}:${f.want === run.commitSha ? "<commit sha>" : f.want}`);
    if (missing.length > 0) {
      const has = held.length > 0 ? `it holds ${held.map((t) => `${repo}:${t.tag}`).join(", ")}` : "it holds no tag of it";
      return fail(`The registry lacks ${missing.join(", ")}; ${has}.`, evidence);
    }
    const digests = [...new Set(found.map((f) => f.got?.digest ?? "none"))];
    if (digests.length > 1) {
      return fail(`The tags point at ${digests.length} different images: ${found.map((f) => `${f.got?.tag ?? f.want} → ${(f.got?.digest ?? "none").slice(0, 19)}`).join(", ")}.`, evidence);
    }
    const digest = digests[0] ?? "none";
    if (!run.builtDigests.some((d) => d.endsWith(`@${digest}`))) {
      return fail(`The tags point at ${digest.slice(0, 19)}…, which is not the image built from your Dockerfile.`, { ...evidence, builtDigests: run.builtDigests });
    }
    return pass(`${repo} holds ${found.map((f) => `:${f.got?.tag ?? f.want}`).join(", ")}, all on ${digest.slice(0, 19)}…: the image built from your Dockerfile, which the next checks run.`, { ...evidence, digest });
  },
};
