import { describe, isIndex, isRecord, type JsonObject } from "./values";

// Parties and dialogs are referenced by position everywhere in a vCon. An index that points past
// the end means the producer dropped or reordered something, so any speaker or role derived from
// it would be wrong; such a document is refused, naming every bad reference.

type Problems = Record<string, string>;

function outOfRange(kind: "party" | "dialog", index: number, count: number): string {
  const plural = kind === "party" ? "parties" : "dialogs";
  if (count === 0) return `refers to ${kind} ${index}, but the vCon has no ${plural}`;
  return `refers to ${kind} ${index}, but the vCon has only ${count} ${count === 1 ? kind : plural} (indices 0–${count - 1})`;
}

/** `count` is undefined when the list itself is malformed (reported on its own): then only the
 * index's form can be checked, not its range. */
function checkIndex(
  problems: Problems,
  path: string,
  value: unknown,
  kind: "party" | "dialog",
  count: number | undefined,
): void {
  if (value === undefined || value === null) return;
  if (!isIndex(value)) problems[path] = `must be a ${kind} index (a whole number from 0), not ${describe(value)}`;
  else if (count !== undefined && value >= count) problems[path] = outOfRange(kind, value, count);
}

/** An index or a list of indices (`transfer_target`, `analysis.dialog`). */
function checkIndexOrList(
  problems: Problems,
  path: string,
  value: unknown,
  kind: "party" | "dialog",
  count: number | undefined,
): void {
  if (Array.isArray(value)) value.forEach((v, i) => checkIndex(problems, `${path}[${i}]`, v, kind, count));
  else checkIndex(problems, path, value, kind, count);
}

/** dialog.parties: an index, or a list whose entries are an index, a list of indices (a mixed
 * channel) or null (a channel with no known party), as the vCon schema allows.
 *
 * One exception to the range check: a list may end with the index one past the last party.
 * ietf2vcon, which wrote thousands of public IETF meeting vCons, lists the audience that way
 * ([0, 1, 2, 3] with three parties). That index names nobody, so it is ignored; anything further
 * out (a 99, or a gap) means the parties were dropped or reordered and is refused. */
function checkDialogParties(problems: Problems, path: string, value: unknown, count: number | undefined): void {
  if (!Array.isArray(value)) return checkIndex(problems, path, value, "party", count);
  value.forEach((entry, i) => {
    if (Array.isArray(entry)) entry.forEach((v, j) => checkIndex(problems, `${path}[${i}][${j}]`, v, "party", count));
    else if (!(count && entry === count && i === value.length - 1))
      checkIndex(problems, `${path}[${i}]`, entry, "party", count);
  });
}

const records = (value: unknown): [JsonObject, number][] =>
  Array.isArray(value) ? value.flatMap((v, i): [JsonObject, number][] => (isRecord(v) ? [[v, i]] : [])) : [];

/**
 * Every out-of-range or malformed party/dialog reference, keyed by its path. Works on the raw
 * document so that a file with other faults still gets its references reported too.
 */
export function checkReferences(doc: JsonObject): Problems {
  const problems: Problems = {};
  const countOf = (list: unknown): number | undefined =>
    Array.isArray(list) ? list.length : list === undefined ? 0 : undefined;
  const parties = countOf(doc.parties);
  const dialogs = countOf(doc.dialog);

  records(doc.dialog).forEach(([d, i]) => {
    const at = `dialog[${i}]`;
    checkDialogParties(problems, `${at}.parties`, d.parties, parties);
    checkIndex(problems, `${at}.originator`, d.originator, "party", parties);
    checkIndex(problems, `${at}.transferee`, d.transferee, "party", parties);
    checkIndex(problems, `${at}.transferor`, d.transferor, "party", parties);
    checkIndexOrList(problems, `${at}.transfer_target`, d.transfer_target, "party", parties);
    if (Array.isArray(d.party_history)) {
      d.party_history.forEach((event, j) => {
        if (isRecord(event)) checkIndex(problems, `${at}.party_history[${j}].party`, event.party, "party", parties);
      });
    }
  });

  records(doc.analysis).forEach(([a, i]) => {
    // Only numeric references are checked: a few producers put labels here, which are harmless.
    const refs = Array.isArray(a.dialog) ? a.dialog : [a.dialog];
    refs.forEach((ref, j) => {
      if (typeof ref !== "number") return;
      const path = Array.isArray(a.dialog) ? `analysis[${i}].dialog[${j}]` : `analysis[${i}].dialog`;
      checkIndex(problems, path, ref, "dialog", dialogs);
    });
  });

  // An attachment's `dialog` is not checked: real producers (ietf2vcon) point materials at
  // dialog 0 of sessions that have no recording, and nothing here depends on that link.
  records(doc.attachments).forEach(([a, i]) =>
    checkIndex(problems, `attachments[${i}].party`, a.party, "party", parties),
  );

  return problems;
}

/** The party indices a dialog names that exist, flattened, in order, without repeats or nulls. */
export function dialogPartyIndices(value: unknown, partyCount: number): number[] {
  const flat = (Array.isArray(value) ? value : [value]).flat();
  const seen = new Set<number>();
  for (const v of flat) if (isIndex(v) && v < partyCount) seen.add(v);
  return [...seen];
}
