import { fail, pass, skip, type Check } from "./check";
import { namesCommit, ranPipeline } from "./pipeline-outcome";

const looksLikeSha = /^[0-9a-f]{7,40}$/;

export const commitShaTag: Check = {
  id: "commit-sha-tag",
  async run(s) {
    const repository = s.spec.pipeline?.repository;
    if (!repository) return skip("This exercise has no pipeline.");
    const run = await ranPipeline(s);
    const tags = run.registry.tags.map((t) => t.tag);
    const evidence = { commitSha: run.commitSha, tags, repositories: run.registry.repositories };
    const ours = tags.find((t) => namesCommit(t, run));
    if (ours) return pass(`${repository}:${ours} is in the registry: the commit this grading built.`, evidence);
    const stale = tags.find((t) => looksLikeSha.test(t));
    if (stale) {
      return fail(`The registry holds ${repository}:${stale}, which looks like a commit SHA but is not the commit being built (${run.commitSha}): it is written into the file, so every commit would get that same tag.`, evidence);
    }
    const elsewhere = run.registry.repositories.filter((r) => r !== repository);
    const held = tags.length > 0 ? `it holds ${tags.map((t) => `${repository}:${t}`).join(", ")}` : elsewhere.length > 0 ? `it holds ${elsewhere.join(", ")}, not ${repository}` : "nothing was pushed to it";
    return fail(`No tag of ${repository} names the commit being built (${run.shortSha}…); ${held}.`, evidence);
  },
};
