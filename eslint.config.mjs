import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // A delete or update without a WHERE touches every tenant's rows.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      // A React Compiler hint; the compiler is not used here, and TanStack Table is such a library.
      "react-hooks/incompatible-library": "off",
    },
  },
  {
    // next-auth's type augmentation only works through interface merging.
    files: ["lib/auth/options.ts"],
    rules: { "@typescript-eslint/consistent-type-definitions": "off" },
  },
  globalIgnores([
    ".next/**",
    ".data/**",
    ".scratch/**",
    "node_modules/**",
    "drizzle/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "bench/.out/**",
  ]),
]);
