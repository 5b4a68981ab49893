import os from "node:os";
import path from "node:path";

import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    env: {
      // Tests never touch the developer's .data directory or need a configured secret.
      DATA_DIR: path.join(os.tmpdir(), "switchboard-vitest"),
      APP_SECRET: "test-secret-test-secret-test-secret-0123456789",
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts"], exclude: ["**/*.int.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
    ],
  },
});
