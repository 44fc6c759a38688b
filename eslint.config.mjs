import js from "@eslint/js";
import tseslint from "typescript-eslint";
import nextVitals from "eslint-config-next/core-web-vitals";
import globals from "globals";

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
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
