// Every Python requirements file a learner meets (the lesson's Example 1 and each exercise folder) installed in a
// clean venv from the kit's wheelhouse, dependencies NOT resolved (`--no-deps`), then `pip check` and an import
// of the app: a package the lock forgets (Werkzeug for Flask 2.2) fails here instead of on a learner's machine,
// where PyPI would quietly pick a version that breaks. Runs inside the python:3.11-slim stand-in with no network,
// which holds the wheelhouse (PIP_FIND_LINKS) and no Flask of its own.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, filesOf, lessonDir, lessonSections, section, writeFolder } from "./lesson-blocks";

const image = "python:3.11-slim";
/** The one folder allowed to keep the source lesson's bare `flask==2.2.2`: a fixture learners never see. */
const exempt = `${path.sep}mistakes${path.sep}seed-example`;
const missingPin = "flask 2.2.2 requires werkzeug, which is not installed";

let work: string;

beforeAll(async () => {
  await docker(["image", "inspect", image]).catch(() => {
    throw new Error(`${image} is missing on this engine: run \`npm run grader:images\` first`);
  });
  work = await fs.mkdtemp(path.join(os.tmpdir(), "python-lock-"));
});

afterAll(async () => {
  if (work) await fs.rm(work, { recursive: true, force: true });
});

/**
 * Installs `requirements.txt` of each folder in a fresh venv and imports its app.py. Returns the output whether
 * or not a step failed: the callers look for each step's own line, so one folder's failure cannot hide another's.
 */
async function installAndImport(dirs: readonly string[]): Promise<string> {
  const mounts = dirs.flatMap((d, i) => ["-v", `${d}:/w/${i}:ro`]);
  const script = dirs
    .map((_, i) =>
      [
        `echo "== ${i}"`,
        // A venv without its own pip is made in a second; the image's pip installs into it with --python.
        `rm -rf /tmp/v && python -m venv --without-pip /tmp/v`,
        `pip --python /tmp/v/bin/python install --quiet --no-index --find-links "$PIP_FIND_LINKS" --no-deps -r /w/${i}/requirements.txt`,
        `pip --python /tmp/v/bin/python check`,
        `(cd /w/${i} && PYTHONDONTWRITEBYTECODE=1 /tmp/v/bin/python -c "import app; print('imported', app.app.name)")`,
      ].join(" && "),
    )
    .join("; ");
  return docker(["run", "--rm", "--network", "none", ...mounts, image, "sh", "-c", `{ ${script}; } 2>&1`]).catch(
    (err: unknown) => (err as { stdout?: string }).stdout ?? String(err),
  );
}

/** Exercise folders with a requirements.txt, one per distinct (requirements.txt, app.py): the others are byte-for-byte the same. */
async function requirementFolders(): Promise<string[]> {
  const entries = await fs.readdir(path.join(lessonDir, "exercises"), { recursive: true, withFileTypes: true });
  const byContent = new Map<string, string>();
  for (const e of entries.filter((e) => e.isFile() && e.name === "requirements.txt" && !e.parentPath.includes(exempt))) {
    const read = (name: string) => fs.readFile(path.join(e.parentPath, name), "utf8").catch(() => "");
    const key = `${await read("requirements.txt")}\0${await read("app.py")}`;
    if (!byContent.has(key)) byContent.set(key, e.parentPath);
  }
  return [...byContent.values()].sort();
}

describe("Python locks", () => {
  it("the lesson's Example 1 and every exercise folder install from their lock alone, pass pip check and import", { timeout: 300_000 }, async () => {
    const example = filesOf(section(await lessonSections(), "Example 1"));
    const exampleDir = path.join(work, "example-1");
    await writeFolder(exampleDir, { "requirements.txt": example["requirements.txt"] ?? "", "app.py": example["app.py"] ?? "" });
    const dirs = [exampleDir, ...(await requirementFolders())];
    expect(dirs.length).toBeGreaterThan(1);

    const out = await installAndImport(dirs);
    for (const [i, dir] of dirs.entries()) {
      const part = out.split(`== ${i}\n`)[1]?.split("\n== ")[0] ?? "";
      expect(part, path.relative(process.cwd(), dir)).toContain("No broken requirements found.");
      expect(part, path.relative(process.cwd(), dir)).toContain("imported app");
    }
  });

  it("a lock that pins only Flask fails the same steps, with the message the lesson quotes", { timeout: 120_000 }, async () => {
    const dir = path.join(work, "flask-only");
    const app = await fs.readFile(path.join(lessonDir, "exercises/first-service/solution/app.py"), "utf8");
    await writeFolder(dir, { "requirements.txt": "flask==2.2.2\n", "app.py": app });
    const out = await installAndImport([dir]);
    expect(out).toContain(missingPin);
    expect(out).not.toContain("imported app");
    expect(await fs.readFile(path.join(lessonDir, "lesson.md"), "utf8")).toContain(missingPin);
  });
});
