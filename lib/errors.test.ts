import { describe, expect, it, vi } from "vitest";

import { AppError, errorResponse } from "./errors";

describe("errorResponse", () => {
  it("answers a database that cannot be reached with 503, Retry-After and the unavailable code, not 500", async () => {
    // As Drizzle wraps a driver's connection error: the code is on the cause.
    const error = new Error("Failed query: select 1", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    });
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({
      error: { code: "unavailable", message: expect.stringContaining("database is not reachable") },
    });
  });

  it("keeps other failures a logged 500 that shows nothing, and AppErrors their own status", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = errorResponse(Object.assign(new Error("duplicate key"), { code: "23505" }));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: "internal", message: expect.not.stringContaining("duplicate") },
    });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    const notFound = errorResponse(new AppError("not_found", "No such call."));
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("retry-after")).toBeNull();
  });
});
