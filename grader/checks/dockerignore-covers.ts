import { dockerignoreMatcher } from "@/grader/sandbox/build-context";
import { fail, pass, type Check } from "./check";

/** One sample path per entry the lesson asks for; a rule covers the entry when it excludes the sample. */
const samples: Record<string, string> = {
  "venv/": "venv/bin/python",
  ".git/": ".git/HEAD",
  "node_modules/": "node_modules/express/index.js",
  "*.log": "debug.log",
  ".env": ".env",
};

export const dockerignoreCovers: Check = {
  id: "dockerignore-covers",
  run(s) {
    if (!(".dockerignore" in s.files)) return fail("There is no .dockerignore, so everything in the folder goes to the builder.", { missing: Object.keys(samples) });
    const ignored = dockerignoreMatcher(s.files);
    const missing = Object.entries(samples).filter(([, sample]) => !ignored(sample)).map(([entry]) => entry);
    if (missing.length > 0) return fail(`.dockerignore does not exclude ${missing.join(", ")}.`, { missing, tried: samples });
    return pass(".dockerignore excludes venv/, .git/, node_modules/, *.log and .env.");
  },
};
