import { describe, expect, it } from "vitest";

import { isBusyWithLiveWork, noteLiveWork, onSpareCapacity, waitForSpareCapacity } from "./spare-capacity";

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // keep the event loop busy, as a flood of live events would
  }
};

describe("spare capacity for background jobs", () => {
  it("is there while no live calls are answered, however busy the process", async () => {
    spin(150);
    expect(isBusyWithLiveWork(performance.now() + 1000)).toBe(false);
    await waitForSpareCapacity(60_000); // returns at once
  });

  it("is not there while live calls keep the event loop busy, and a job waits at most its limit", async () => {
    noteLiveWork();
    spin(150);
    noteLiveWork();
    expect(isBusyWithLiveWork()).toBe(true);
    let done = false;
    const waiting = waitForSpareCapacity(400).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    await waiting;
    expect(done).toBe(true);
  });

  it("comes back once the live calls stop", async () => {
    noteLiveWork();
    spin(150);
    await new Promise((r) => setTimeout(r, 600)); // no live event for longer than the window
    expect(isBusyWithLiveWork()).toBe(false);
  });

  it("runs background items one at a time while live calls are answered, all at once without them", async () => {
    const overlap = async () => {
      let running = 0;
      let most = 0;
      const item = async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 20));
        running -= 1;
      };
      await Promise.all([1, 2, 3].map(() => onSpareCapacity(item, 5000)));
      return most;
    };
    await new Promise((r) => setTimeout(r, 600)); // quiet
    expect(await overlap()).toBe(3);
    noteLiveWork();
    expect(await overlap()).toBe(1);
  });
});

describe("a long background item", () => {
  it("holds the next one up by at most the limit while live calls are answered", async () => {
    noteLiveWork();
    let release: () => void = () => undefined;
    const long = onSpareCapacity(() => new Promise<void>((r) => (release = r)), 0);
    let nextRan = false;
    const next = onSpareCapacity(async () => {
      nextRan = true;
    }, 100);
    await next;
    expect(nextRan).toBe(true);
    release();
    await long;
  });
});
