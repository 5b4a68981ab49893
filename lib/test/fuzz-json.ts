import fc from "fast-check";

// Generated bad bodies for the fuzz tests of every inbound JSON endpoint (hooks, AI Flow): a
// known-good example with bad values injected at random places, plus arbitrary JSON and text.
// The bad values are the classes issue 12 found answered with a 500: NUL, lone surrogates,
// integers past int4, numbers JavaScript reads as Infinity or 0, nesting 10,000 deep, times
// outside what PostgreSQL stores, durations that make an Invalid Date, and a raw NUL byte.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = Array<string | number>;

// Values JSON.stringify cannot produce go in as marker strings, replaced in the text afterwards.
const RAW = [
  "1e999999",
  "-1e999999",
  "1e-999999",
  `0.${"0".repeat(20_000)}1`,
  "1e400",
  "123456789012345678901234567890",
];
const deep = (depth: number, open: string, close: string, inner = "1") =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const DEEP = [deep(10_000, "[", "]"), deep(10_000, '{"a":', "}"), deep(65, "[", "]"), deep(100, '{"x":[', "]}")];
const marker = (kind: "raw" | "deep", i: number) => `@@${kind}${i}@@`;

const unit = fc.nat(0xffff).map((code) => String.fromCharCode(code));
const nasty = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d", "\udc00\ud800", "\u0000\ud800", "\ufffe", ""),
  fc.string({ unit, maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const times = fc.constantFrom(
  "-271821-04-20T00:00:00.000Z",
  "+275760-09-13T00:00:00.000Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "10000-01-01T00:00:00Z",
  "2024-02-30T00:00:00Z",
  "99999999999999999999",
  "1e999",
  "NaN",
  "Infinity",
  "-1",
  "2024-06-12T10:00:00+99:99",
  "Wed, 18 May 294277 23:05:05 -0000",
);
const numbers = fc.oneof(
  fc.constantFrom(
    2 ** 31,
    2 ** 31 - 1,
    2 ** 32,
    2 ** 53,
    -(2 ** 31) - 1,
    8.64e15,
    8.64e15 + 1,
    -8.64e15,
    1e20,
    1e300,
    -1,
    0.5,
    1e-7,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** One bad value: a JSON value, or a marker for text JSON cannot carry (see render). */
export const badValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: nasty },
  { weight: 3, arbitrary: numbers },
  { weight: 2, arbitrary: times },
  { weight: 2, arbitrary: fc.nat(RAW.length - 1).map((i) => marker("raw", i)) },
  { weight: 1, arbitrary: fc.nat(DEEP.length - 1).map((i) => marker("deep", i)) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, [], {}, " ", "x".repeat(100_001)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v): Json => JSON.parse(JSON.stringify(v))) },
);

/** The markers replaced by what they stand for. */
export function render(value: unknown): string {
  return JSON.stringify(value)
    .replace(/"@@raw(\d+)@@"/g, (_, i: string) => RAW[Number(i)] ?? "0")
    .replace(/"@@deep(\d+)@@"/g, (_, i: string) => DEEP[Number(i)] ?? "0");
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every path in a document, containers included (the root is []). */
export function pathsOf(value: Json, path: JsonPath = []): JsonPath[] {
  const here = [path];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pathsOf(v, [...path, i])));
  if (isObject(value)) return here.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, k])));
  return here;
}

function valueAt(doc: Json, path: JsonPath): Json | undefined {
  let at: Json | undefined = doc;
  for (const step of path) at = Array.isArray(at) ? at[Number(step)] : isObject(at) ? at[String(step)] : undefined;
  return at;
}

/**
 * Mostly a bad value of the kind the field holds (a nasty string for a string, a number out of
 * range for a number), so that most bodies still get past the vendor's schema to the database;
 * sometimes anything.
 */
function likeValue(original: Json | undefined): fc.Arbitrary<Json> {
  const kind =
    typeof original === "string"
      ? fc.oneof(
          nasty,
          times,
          nasty.map((n) => `${original.slice(0, 20)}${n}${original.slice(20)}`),
        )
      : typeof original === "number"
        ? fc.oneof(
            numbers,
            fc.nat(RAW.length - 1).map((i) => marker("raw", i)),
          )
        : undefined;
  return kind ? fc.oneof({ weight: 3, arbitrary: kind }, { weight: 1, arbitrary: badValue }) : badValue;
}

type Mutation = { path: JsonPath; value: Json; isNewKey: boolean; key: string };

function apply(doc: Json, m: Mutation): Json {
  // The root gets a key added: whole bodies that are not objects come from arbitraryBody.
  if (m.path.length === 0) return isObject(doc) ? { ...doc, [m.key]: m.value } : m.value;
  let parent: unknown = doc;
  for (const step of m.path.slice(0, -1))
    parent = Array.isArray(parent) ? parent[Number(step)] : isObject(parent) ? parent[String(step)] : undefined;
  const last = m.path[m.path.length - 1] ?? "";
  if (Array.isArray(parent)) parent[Number(last)] = m.value;
  else if (isObject(parent)) {
    const target = parent[String(last)];
    if (m.isNewKey && isObject(target)) target[m.key] = m.value;
    else parent[String(last)] = m.value;
  }
  return doc;
}

export type Example = { name: string; doc: Json; idPath?: JsonPath };

/**
 * A mutated example as body text: 1 to 3 values replaced (or keys added) with bad ones, the
 * call's id fresh half of the time (a new call) and kept otherwise (a merge), and now and then a
 * raw NUL byte or a cut in the text.
 */
export function mutatedBody(examples: Example[]): fc.Arbitrary<string> {
  return fc.constantFrom(...examples).chain((example) => {
    const paths = pathsOf(example.doc);
    const mutation = fc.constantFrom(...paths).chain((path) =>
      fc.record({
        path: fc.constant(path),
        value: likeValue(valueAt(example.doc, path)),
        isNewKey: fc.boolean(),
        key: fc.oneof(fc.constantFrom("summary", "duration", "startTime", "start_ms", "x\u0000y", "\ud800"), nasty),
      }),
    );
    return fc
      .tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.uuid(), fc.nat(99), fc.nat())
      .map(([mutations, isFresh, id, textChance, at]) => {
        let doc: Json = structuredClone(example.doc);
        if (isFresh && example.idPath) doc = apply(doc, { path: example.idPath, value: id, isNewKey: false, key: "" });
        for (const m of mutations) doc = apply(doc, m);
        const text = render(doc);
        const cut = at % Math.max(1, text.length);
        if (textChance < 4) return `${text.slice(0, cut)}\u0000${text.slice(cut)}`;
        if (textChance < 6) return text.slice(0, cut);
        return text;
      });
  });
}

/** Any JSON, any text, and the seed's bad values as whole bodies. */
export const arbitraryBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit, maxLength: 200 }) },
  { weight: 1, arbitrary: badValue.map(render) },
);
