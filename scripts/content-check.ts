// Validates every file under content/ with the same loader the start script uses; exits 1 naming file and field.
import path from "node:path";
import { loadAllContent } from "../server/content/load";
import { ContentError } from "../server/content/content-error";

loadAllContent(path.resolve("content")).then(
  (courses) => {
    const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
    const exercises = courses.reduce((n, c) => n + c.lessons.reduce((m, l) => m + l.exercises.length, 0), 0);
    console.log(`content ok: ${courses.length} course(s), ${lessons} lesson(s), ${exercises} exercise(s)`);
  },
  (err: unknown) => {
    console.error(err instanceof ContentError ? `content error in ${err.message}` : err);
    process.exit(1);
  },
);
