import { isSerializationFailure } from "./errors";

export type RetryOptions = { attempts?: number; baseMs?: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a whole transaction again when PostgreSQL aborted it for another's sake (a deadlock or a
 * serialisation failure), up to `attempts` times. The wait doubles each time and is drawn at
 * random (full jitter), so transactions that collided do not collide again in step. `run` must be
 * a complete unit (its own transaction or one statement): nothing it did survives the failure.
 */
export async function retryOnConflict<T>(
  run: () => Promise<T>,
  { attempts = 5, baseMs = 5 }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isSerializationFailure(error)) throw error;
      await sleep(Math.random() * baseMs * 2 ** attempt);
    }
  }
}
