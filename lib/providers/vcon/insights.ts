import type { NormalisedCallInput } from "@/lib/calls/model";

import { switchboardEntry, switchboardFirst, type AnalysisView } from "./analyses";
import { decodeBody } from "./bodies";
import type { VconDocument } from "./document";
import { htmlText } from "./mime";
import { switchboardActionItems, switchboardSmallTalk, switchboardSmartAnswers } from "./switchboard";
import { clip, firstText, isRecord, label, stringText, text } from "./values";

type Insights = Pick<
  NormalisedCallInput,
  "headline" | "summary" | "summaryHtml" | "note" | "actionItems" | "smallTalk" | "smartAnswers" | "tags"
>;

/** Prose from a body: a string, or the usual keys of an object wrapping one. */
function prose(body: unknown, keys: string[]): string | undefined {
  if (typeof body === "string") return stringText(body);
  if (Array.isArray(body) && body.every((v) => typeof v === "string")) return stringText(body.join("\n"));
  return isRecord(body)
    ? firstText(...keys.map((k) => (typeof body[k] === "string" ? body[k] : undefined)))
    : undefined;
}

/** The first analysis of one of the types with usable prose; Switchboard's own entry first. */
function firstProse(analyses: AnalysisView[], types: RegExp, keys: string[]): AnalysisView | undefined {
  return switchboardFirst(analyses).find((a) => types.test(a.type) && prose(a.body, keys) !== undefined);
}

// vcon-server's summary link writes an object ({transcript_summary, call_purpose, …}); other
// generators name the prose call_summary or summary_text. The usual keys come first, then any
// key that says it holds a summary.
const summaryKeys = ["summary", "transcript_summary", "call_summary", "summary_text", "text", "content", "body"];

function summaryProse(body: unknown): string | undefined {
  const found = prose(body, summaryKeys);
  if (found !== undefined || !isRecord(body)) return found;
  return firstText(
    ...Object.entries(body).map(([key, value]) =>
      /summar/i.test(key) && typeof value === "string" ? value : undefined,
    ),
  );
}

const isHtml = (a: AnalysisView): boolean => a.mediaType?.toLowerCase().startsWith("text/html") ?? false;

function summaryOf(analyses: AnalysisView[]): Pick<Insights, "summary" | "summaryHtml"> {
  // Our export writes the plain summary and, when there is one, its HTML as a second summary entry.
  const own = analyses.filter((a) => a.isSwitchboard && a.type === "summary");
  const plain = own.find((a) => !isHtml(a))?.body;
  const html = own.find(isHtml)?.body;
  if (typeof plain === "string")
    return { summary: clip(plain, 100_000), summaryHtml: typeof html === "string" ? clip(html, 200_000) : undefined };
  const entry = switchboardFirst(analyses).find((a) => /summar/.test(a.type) && summaryProse(a.body) !== undefined);
  const value = entry && summaryProse(entry.body);
  if (value === undefined) return {};
  // An HTML summary keeps its markup for the upsert to sanitise; the plain copy is for search.
  if (entry?.mediaType?.toLowerCase().startsWith("text/html"))
    return { summary: clip(htmlText(value), 100_000), summaryHtml: clip(value, 200_000) };
  return { summary: clip(value, 100_000) };
}

function headlineOf(doc: VconDocument, analyses: AnalysisView[]): string | undefined {
  const own = switchboardEntry(analyses, "headline");
  if (own && typeof own.body === "string") return clip(own.body, 1000);
  const entry = firstProse(analyses, /^(headline|title|call[_ ]?(headline|title))$/, ["headline", "title", "text"]);
  return clip((entry && prose(entry.body, ["headline", "title", "text"])) ?? stringText(doc.subject), 1000);
}

function noteOf(analyses: AnalysisView[]): string | undefined {
  const own = switchboardEntry(analyses, "note");
  if (own && typeof own.body === "string") return clip(own.body, 100_000);
  const entry = firstProse(analyses, /^notes?$/, ["note", "text", "content"]);
  return clip(entry && prose(entry.body, ["note", "text", "content"]), 100_000);
}

const doneWords = new Set(["done", "completed", "complete", "closed", "resolved"]);

/** Action items from other vendors: a list of strings or objects, an object holding such a
 * list, or text with one item per line ("- call back", "[x] send offer"). */
function genericActionItems(body: unknown): NonNullable<Insights["actionItems"]> {
  if (isRecord(body)) {
    const list = [body.action_items, body.actionItems, body.items, body.tasks].find(Array.isArray);
    return list ? genericActionItems(list) : [];
  }
  if (typeof body === "string") {
    return body.split(/\r?\n/).flatMap((line) => {
      const m = /^\s*(?:[-*•]|\d+[.)])?\s*(\[( |x|X)\])?\s*(.*)$/.exec(line);
      const said = clip(text(m?.[3]), 2000);
      return said ? [{ text: said, isDone: m?.[2] === "x" || m?.[2] === "X" }] : [];
    });
  }
  if (!Array.isArray(body)) return [];
  return body.flatMap((item) => {
    if (!isRecord(item)) {
      const said = clip(stringText(item), 2000);
      return said ? [{ text: said, isDone: false }] : [];
    }
    const said = clip(
      firstText(item.text, item.description, item.title, item.action, item.task, item.item, item.content),
      2000,
    );
    const flag = [item.done, item.isDone, item.is_done, item.completed].find((v) => typeof v === "boolean");
    const isDone = flag === true || doneWords.has(label(item.status) ?? "");
    return said ? [{ text: said, isDone }] : [];
  });
}

function actionItemsOf(analyses: AnalysisView[]): Insights["actionItems"] {
  const own = switchboardEntry(analyses, "action_items");
  const exact = own && switchboardActionItems(own.body);
  if (exact) return exact.slice(0, 500);
  const items = analyses
    .filter((a) => /^(action[_ -]?items?|todos?|next[_ -]?steps)$/.test(a.type))
    .flatMap((a) => genericActionItems(a.body));
  return items.slice(0, 500);
}

/** Tags as given: "key:value" strings stay as they are; an object becomes "key:value" pairs. */
function tagValues(body: unknown): string[] {
  if (Array.isArray(body)) return body.flatMap((v) => text(v) ?? []);
  if (isRecord(body))
    return Object.entries(body).flatMap(([k, v]) => (text(v) !== undefined ? [`${k}:${text(v)}`] : []));
  const single = stringText(body);
  return single ? [single] : [];
}

function tagsOf(doc: VconDocument, analyses: AnalysisView[]): string[] {
  const found = [
    // Attachments named by `purpose` (vCon 0.3+) or by `type` (earlier producers).
    ...(doc.attachments ?? [])
      .filter((a) => label(a.purpose ?? a.type) === "tags")
      .flatMap((a) => tagValues(decodeBody(a.body, a.encoding))),
    ...analyses.filter((a) => a.type === "tags").flatMap((a) => tagValues(a.body)),
    ...(Array.isArray(doc.tags) || isRecord(doc.tags) ? tagValues(doc.tags) : []),
  ];
  const unique = [...new Set(found.map((t) => clip(t, 100) ?? ""))].filter((t) => t !== "");
  return unique.slice(0, 200);
}

/** The first entry of a type whose body has the expected shape, Switchboard's own first. */
function firstShaped<T>(analyses: AnalysisView[], type: string, read: (body: unknown) => T[] | undefined): T[] {
  for (const a of switchboardFirst(analyses)) {
    const found = a.type === type ? read(a.body) : undefined;
    if (found) return found.slice(0, 500);
  }
  return [];
}

export function insightsOf(doc: VconDocument, analyses: AnalysisView[]): Insights {
  return {
    ...summaryOf(analyses),
    headline: headlineOf(doc, analyses),
    note: noteOf(analyses),
    actionItems: actionItemsOf(analyses),
    smallTalk: firstShaped(analyses, "small_talk", switchboardSmallTalk),
    smartAnswers: firstShaped(analyses, "smart_answers", switchboardSmartAnswers),
    tags: tagsOf(doc, analyses),
  };
}
