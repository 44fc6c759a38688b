// Finds an exercise folder by slug under content/ (content/<course>/<lesson>/exercises/<slug>), or takes a path
// to an exercise folder directly (how the grader's own fixtures are graded).
import fs from "node:fs/promises";
import path from "node:path";

export async function findExerciseDir(slugOrPath: string, contentRoot = "content"): Promise<string> {
  if (slugOrPath.includes("/")) {
    const stat = await fs.stat(path.join(slugOrPath, "exercise.yaml")).catch(() => null);
    if (stat?.isFile()) return slugOrPath;
    throw new Error(`${slugOrPath} has no exercise.yaml`);
  }
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 4) return;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const sub = path.join(dir, e.name);
      if (e.name === slugOrPath && path.basename(dir) === "exercises") found.push(sub);
      else await walk(sub, depth + 1);
    }
  };
  await walk(contentRoot, 0);
  if (found.length === 0) throw new Error(`no exercise "${slugOrPath}" under ${contentRoot}/ (looked for */exercises/${slugOrPath}/exercise.yaml)`);
  if (found.length > 1) throw new Error(`exercise "${slugOrPath}" exists twice: ${found.join(", ")}`);
  return found[0] as string;
}
