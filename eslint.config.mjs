import js from "@eslint/js";
import tseslint from "typescript-eslint";
import nextVitals from "eslint-config-next/core-web-vitals";
import globals from "globals";
import boundaries from "eslint-plugin-boundaries";

// docs/DESIGN.md §2 (what may import what) as lint rules, so a crossing fails `npm test`. A file belongs to the part
// of the first folder pattern that matches it (files at the root are told apart by name below); an import is allowed
// only when a policy allows it, and a later policy overrides an earlier one, so the narrowing rules come last.
const parts = [
  { type: "app", pattern: "app" },
  { type: "components", pattern: "components" },
  { type: "lib", pattern: "lib" },
  { type: "server-errors", pattern: "server/errors" },
  { type: "server-http", pattern: "server/http" },
  { type: "server-auth", pattern: "server/auth" },
  { type: "server-authz", pattern: "server/authz" },
  { type: "server-grading", pattern: "server/grading" },
  { type: "server-grader-link", pattern: "server/grader-link" },
  { type: "server-submissions", pattern: "server/submissions" },
  // Every other folder of server/ is a domain (lessons, exercises, progress, …), so a new one is covered at once;
  // the files directly in server/ (db, env, context) are its base.
  { type: "server-domain", pattern: "server/!(*.*)" },
  { type: "server-base", pattern: "server" },
  { type: "prisma-client", pattern: "generated/prisma" },
  { type: "grader-contract", pattern: "grader/contract" },
  { type: "grader", pattern: "grader" },
  { type: "prisma", pattern: "prisma" },
  { type: "scripts", pattern: "scripts" },
  { type: "tests", pattern: ["tests", "bench"] },
].map((part) => ({ ...part, partialMatch: false, stopMatching: true }));

const fileKinds = [
  { category: "web-entry", pattern: ["proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "next.config.ts"] },
  { category: "tooling", pattern: ["*.config.ts", "*.config.mjs"] },
  { category: "test", pattern: ["**/*.test.ts", "**/*.test.tsx"] },
];

const of = (...types) => ({ element: { type: types } });
const server = of("server-*");
const serverDomains = of("server-domain", "server-grading", "server-grader-link", "server-submissions");
const kind = (category) => ({ file: { categories: category } });
const outsidePackages = { module: { origin: ["external", "core"] } };

const boundaryPolicies = [
  { allow: { to: outsidePackages } },
  { from: [of("app"), kind("web-entry")], allow: { to: [of("components", "lib"), server] } },
  { from: of("components"), allow: { to: of("lib") } },
  { from: of("lib"), allow: { to: of("grader-contract") } },
  { from: server, allow: { to: [server, of("lib", "prisma-client", "grader-contract")] } },
  { from: of("grader"), allow: { to: of("grader-contract") } },
  { from: of("scripts"), allow: { to: [server, of("prisma", "lib")] } },
  // Tests, benchmarks and tool configs may reach anything; so may a test beside its source.
  { from: [of("tests"), kind("tooling"), kind("test")], allow: { to: { module: { origin: "local" } } } },
  {
    from: of("server-authz"),
    disallow: { to: [of("server-!(base|errors)")] },
    message: "server/authz decides permissions from the actor alone: it imports no other part of server/ (docs/DESIGN.md §2)",
  },
  {
    from: of("server-http", "server-errors"),
    disallow: { to: serverDomains },
    message: "server/http and server/errors serve every domain and import none (docs/DESIGN.md §2)",
  },
  {
    from: of("server-grader-link", "server-submissions"),
    disallow: { to: of("server-grading") },
    message: "server/grading holds the use cases built on {{from.element.path}}; it may not import them back (docs/DESIGN.md §2)",
  },
  {
    from: of("grader-contract"),
    disallow: { to: { module: { origin: "core" } } },
    message: "grader/contract is pure (the browser imports it): no Node built-ins such as {{dependency.source}} (docs/DESIGN.md §2)",
  },
  {
    from: of("app", "components", "lib", "server-*", "prisma", "scripts"),
    disallow: { to: { module: { source: "dockerode" } } },
    message: "only the grader talks to the Docker engine: the web never imports dockerode (docs/DESIGN.md §1, §2)",
  },
];

export default tseslint.config(
  {
    ignores: ["node_modules/**", ".next*/**", "generated/**", ".data/**", "test-results/**", "playwright-report/**", "artifacts/**", "next-env.d.ts", "content/**"],
  },
  js.configs.recommended,
  ...nextVitals,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration through the service's env module." },
      ],
    },
  },
  {
    // The env modules, config files and tooling are where process.env is read on purpose.
    files: ["server/env.ts", "grader/config.ts", "*.config.ts", "*.config.mjs", "scripts/**", "tests/**", "grader/test-support/**", "bench/**", "prisma/**", "**/*.test.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    plugins: { boundaries },
    settings: {
      "boundaries/elements": parts,
      "boundaries/files": fileKinds,
      "boundaries/include": ["**/*.{ts,tsx,mjs}"],
      // An import that does not resolve is not taken for a package: it fails closed as an unknown local file.
      "boundaries/flag-as-external": { unresolvableAlias: false, inNodeModules: true },
      "import/resolver": { typescript: { project: `${import.meta.dirname}/tsconfig.json`, alwaysTryTypes: true } },
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          checkAllOrigins: true,
          checkUnknownLocals: true,
          message:
            "{{#if from.element.path}}{{from.element.path}}/{{else}}this file{{/if}} may not import {{dependency.source}}" +
            "{{#if to.element.path}} (in {{to.element.path}}/){{/if}}: docs/DESIGN.md §2 says which folder may import which",
          policies: boundaryPolicies,
        },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
