// The grader's build stage (Dockerfile, `grader-build`): esbuild bundles grader/main.ts and every module it imports
// into one ES module, so the grader's runtime image holds that file and the Node runtime only, not the gigabyte of
// node_modules the web needs, nor tsx. Run from the project root: `node deploy/bundle-grader.mjs [outfile]`.
import { build } from "esbuild";

const outfile = process.argv[2] ?? "dist/grader.mjs";

await build({
  entryPoints: ["grader/main.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: "tsconfig.json",
  logLevel: "warning",
  // ssh2's optional native helpers (docker-modem's ssh:// transport, which the grader never uses): ssh2 loads
  // them in a try/catch and falls back to JavaScript, so they stay out and the require fails harmlessly.
  external: ["*.node", "cpu-features"],
  // The bundled CommonJS packages (dockerode, pino…) call require() and read __dirname; an ES module has neither.
  banner: {
    js: [
      'import { createRequire as __createRequire } from "node:module";',
      'import { fileURLToPath as __fileURLToPath } from "node:url";',
      "const require = __createRequire(import.meta.url);",
      "const __filename = __fileURLToPath(import.meta.url);",
      'const __dirname = __fileURLToPath(new URL(".", import.meta.url));',
    ].join("\n"),
  },
});
