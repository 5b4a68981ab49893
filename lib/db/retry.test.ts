import { describe, expect, it } from "vitest";

import { retryOnConflict } from "./retry";

const pgError = (code: string) => Object.assign(new Error(`failed: ${code}`), { cause: { code } });

function failing(codes: string[]) {
  let calls = 0;
  const run = async () => {
    const code = codes[calls++];
    if (code) throw pgError(code);
    return calls;
  };
  return { run, count: () => calls };
}

describe("retryOnConflict", () => {
  it("runs a transaction again after a deadlock or a serialisation failure", async () => {
    const { run, count } = failing(["40P01", "40001"]);
    await expect(retryOnConflict(run, { baseMs: 1 })).resolves.toBe(3);
    expect(count()).toBe(3);
  });

  it("does not retry other errors", async () => {
    const { run, count } = failing(["23505"]);
    await expect(retryOnConflict(run, { baseMs: 1 })).rejects.toThrow("23505");
    expect(count()).toBe(1);
  });

  it("gives up after the last attempt with the database's error", async () => {
    const { run, count } = failing(["40P01", "40P01", "40P01"]);
    await expect(retryOnConflict(run, { attempts: 3, baseMs: 1 })).rejects.toThrow("40P01");
    expect(count()).toBe(3);
  });
});
