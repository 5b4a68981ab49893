// Downloads an export while counting the calls that have arrived, so the page can show progress
// (the server says how many to expect in X-Total-Count). One call is one line of JSON; in CSV a
// record ends at a line break outside quotes.

export type ExportProgress = { done: number; total: number };

function countRecords(chunk: string, format: string, state: { inQuotes: boolean }): number {
  let records = 0;
  for (const char of chunk) {
    if (format === "csv" && char === '"') state.inQuotes = !state.inQuotes;
    else if (char === "\n" && !state.inQuotes) records++;
  }
  return records;
}

export async function downloadExport(
  url: string,
  format: string,
  onProgress: (p: ExportProgress) => void,
): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    const message =
      body &&
      typeof body === "object" &&
      "error" in body &&
      body.error &&
      typeof body.error === "object" &&
      "message" in body.error
        ? String(body.error.message)
        : `The export failed (${response.status}).`;
    throw new Error(message);
  }
  const total = Number(response.headers.get("x-total-count") ?? 0);
  const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "calls-export";
  const reader = response.body?.getReader();
  if (!reader) throw new Error("The export could not be read.");
  const decoder = new TextDecoder();
  const parts: Array<Uint8Array<ArrayBuffer>> = [];
  const state = { inQuotes: false };
  let lines = 0;
  onProgress({ done: 0, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(new Uint8Array(value));
    lines += countRecords(decoder.decode(value, { stream: true }), format, state);
    // The first line of a CSV is its header; JSON adds bracket lines around the calls.
    onProgress({ done: Math.min(total, Math.max(0, format === "vcon" ? lines : lines - 1)), total });
  }
  onProgress({ done: total, total });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob(parts));
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
