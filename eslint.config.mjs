// ESLint (flat config): typescript-eslint with type information, React's hooks rules and Next.js' rules.
//
// Type information under TypeScript 7: the `typescript` package 7.0 is the native compiler and no longer
// ships the JavaScript compiler API that typescript-eslint (peer typescript <6.1) is built on. `tsc` stays
// TypeScript 7; for ESLint's process only, `require("typescript")` is answered by the classic API of
// TypeScript 6 (devDependency `typescript6` = npm:@typescript/typescript6). package.json's
// `overrides: {typescript: "$typescript"}` keeps npm from refusing typescript-eslint's peer range.
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const classicTypescript = dirname(require.resolve("typescript6/package.json"));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  // "typescript" and its subpaths (the project service loads "typescript/lib/tsserverlibrary")
  if (request === "typescript" || request.startsWith("typescript/")) request = join(classicTypescript, request.slice("typescript".length));
  return resolveFilename.call(this, request, ...rest);
};

const { default: js } = await import("@eslint/js");
const { default: tseslint } = await import("typescript-eslint");
const { default: reactHooks } = await import("eslint-plugin-react-hooks");
const { default: nextPlugin } = await import("@next/eslint-plugin-next");
const { default: globals } = await import("globals");

const root = fileURLToPath(new URL(".", import.meta.url));

/** The rules that keep `any` out of production code, off where `any` is the nature of the file. */
const unsafeAnyAllowed = Object.fromEntries(
  ["no-unsafe-assignment", "no-unsafe-member-access", "no-unsafe-argument", "no-unsafe-call", "no-unsafe-return"].map((r) => [
    `@typescript-eslint/${r}`,
    "off",
  ]),
);

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".next-*/",
      "lib/generated/",
      "test-results/",
      "playwright-report/",
      ".data/",
      "bench/results/",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // Route handlers, loops and interfaces are async by contract even where a body has nothing to await.
      "@typescript-eslint/require-await": "off",
      // The linter's TypeScript 6 and tsc 7 disagree on some assignability (e.g. Record<string, unknown> to
      // Prisma's Json input): an assertion tsc 7 needs would be reported as unnecessary.
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
    },
  },
  {
    // One typed environment: only lib/server/env.ts reads process.env (tests, scripts, bench, e2e and config files may).
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/server/env.ts", "tests/**", "e2e/**", "bench/**", "scripts/**", "prisma/**", "*.config.{ts,mts}", "instrumentation.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through lib/server/env.ts: env() or featureEnv()." },
      ],
    },
  },
  {
    // Server modules also run outside Next.js (the escalation workers, scripts, tests under the react-server
    // condition), where next-intl's entry pulls in React's client API and fails to load.
    files: ["lib/server/**/*.ts", "lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next-intl",
              importNames: ["createTranslator"],
              message: 'Import createTranslator from "use-intl/core": it loads without React.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers (`any`) all the time; the unsafe-* rules guard production code.
    files: ["tests/**", "e2e/**", "bench/**"],
    rules: { ...unsafeAnyAllowed, "@typescript-eslint/unbound-method": "off" },
  },
  {
    // Typed `any` at library seams: next-auth 4's NextAuth() in the App Router, next-intl's dynamic JSON
    // message imports, and prisma.config.ts patching pg's prototype.
    files: ["app/api/auth/**/route.ts", "lib/i18n/request.ts", "prisma.config.ts"],
    rules: { ...unsafeAnyAllowed, "@typescript-eslint/unbound-method": "off" },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat["recommended-latest"],
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ...nextPlugin.configs["core-web-vitals"],
  },
);
