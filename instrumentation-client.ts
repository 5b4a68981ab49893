// Runs in the browser before the app hydrates.
import { config } from "zod/v4/core";

// zod probes whether it may compile validators with `new Function`. It catches the error, but
// under the Content-Security-Policy (no 'unsafe-eval', proxy.ts) the browser still reports each
// probe as a violation. Interpreted validators are fast enough for forms in the browser.
config({ jitless: true });
