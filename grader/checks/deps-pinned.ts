import { fail, pass, skip, type Check } from "./check";

function unpinnedRequirements(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, "").trim())
    .filter((l) => l !== "" && !l.startsWith("-"))
    .filter((l) => !/^[A-Za-z0-9._\-[\],]+\s*===?\s*[^\s,;]+/.test(l));
}

export const depsPinned: Check = {
  id: "deps-pinned",
  run(s) {
    const problems: string[] = [];
    const seen: string[] = [];
    for (const [path, text] of Object.entries(s.files)) {
      const base = path.split("/").at(-1) ?? path;
      if (/^requirements.*\.txt$/.test(base)) {
        seen.push(path);
        const loose = unpinnedRequirements(text);
        if (loose.length > 0) problems.push(`${path}: ${loose.join(", ")} not pinned with ==`);
      }
      if (base === "package.json") {
        seen.push(path);
        const dir = path.slice(0, -base.length);
        if (!(`${dir}package-lock.json` in s.files)) problems.push(`${path} has no package-lock.json beside it`);
        const usesCi = s.dockerfile?.stages.some((st) => st.instructions.some((i) => i.keyword === "RUN" && /\bnpm\s+ci\b/.test(i.args.join(" "))));
        if (!usesCi) problems.push("install with `npm ci`, which installs exactly the lockfile's versions");
      }
      if (base === "go.mod") {
        seen.push(path);
        const requires = /\brequire\b/.test(text);
        if (requires && !(`${path.slice(0, -base.length)}go.sum` in s.files)) problems.push(`${path} requires modules but there is no go.sum`);
      }
    }
    if (seen.length === 0) return skip("No requirements*.txt, package.json or go.mod to judge.");
    if (problems.length > 0) return fail(problems.join("; ") + ".", { files: seen, problems });
    return pass(`Dependencies are pinned in ${seen.join(", ")}.`, { files: seen });
  },
};
