// Colours of the chart's series. Each slot has a light and a dark tone (Tailwind's `dark:` follows
// prefers-color-scheme, like globals.css), picked to stand apart from each other and to keep
// contrast on --surface in both modes. Tailwind only sees class names written out in full.
export const seriesPalette = [
  "[--series-0:#4f46e5] dark:[--series-0:#8b85ff]",
  "[--series-1:#0d9488] dark:[--series-1:#2dd4bf]",
  "[--series-2:#d97706] dark:[--series-2:#fbbf24]",
  "[--series-3:#db2777] dark:[--series-3:#f472b6]",
  "[--series-4:#0284c7] dark:[--series-4:#38bdf8]",
  "[--series-5:#65a30d] dark:[--series-5:#a3e635]",
  "[--series-6:#64748b] dark:[--series-6:#94a3b8]",
].join(" ");

const SLOTS = 7;

// Known vendors keep their colour whichever of them an organisation uses.
const fixedSlots: Record<string, number> = { sipgate: 0, pbx: 1, vcon: 2, aiflow: 3 };
const labels: Record<string, string> = { sipgate: "sipgate", pbx: "PBX", vcon: "vCon", aiflow: "AI Flow" };

export type Series = { provider: string; label: string; colour: string };

export const providerLabel = (provider: string) => labels[provider] ?? provider;

/** One series per provider, in the given order; unknown providers take the free slots. */
export function seriesFor(providers: string[]): Series[] {
  const taken = new Set(providers.map((p) => fixedSlots[p]).filter((slot) => slot !== undefined));
  const free = Array.from({ length: SLOTS }, (_, i) => i).filter((i) => !taken.has(i));
  let next = 0;
  return providers.map((provider) => {
    const slot = fixedSlots[provider] ?? free[next++ % Math.max(free.length, 1)] ?? SLOTS - 1;
    return { provider, label: providerLabel(provider), colour: `var(--series-${slot})` };
  });
}
