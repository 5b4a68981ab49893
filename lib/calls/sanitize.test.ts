import { isTag, isText, type ChildNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";

import { sanitizeSummaryHtml } from "./sanitize";

// What the call page may render from vendor HTML (mirrors the sanitiser's allow-list on purpose:
// widening it must be a visible decision here too).
const allowedTags = new Set([
  "p",
  "br",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ul",
  "ol",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "blockquote",
  "code",
  "pre",
  "span",
  "div",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
]);
const allowedLinkAttributes = new Set(["href", "title", "rel", "target"]);
const safeSchemes = new Set(["http", "https", "mailto", "tel"]);
const dangerousUrl = /(?:java|vb)script\s*:|data\s*:/i;

/** Each payload carries a harmless "Kept n" text that must survive. */
const corpus: Array<[name: string, html: string]> = [
  ["script tag", `<p>Kept 1</p><script>alert(1)</script>`],
  ["img onerror", `<p>Kept 2</p><img src=x onerror="alert(2)">`],
  ["svg onload", `<svg onload=alert(3)><p>Kept 3</p></svg>`],
  ["javascript: link", `<a href="javascript:alert(4)">Kept 4</a>`],
  ["mixed-case JaVaScRiPt: link", `<a href="JaVaScRiPt:alert(5)">Kept 5</a>`],
  ["decimal entity &#106;avascript: link", `<a href="&#106;avascript:alert(6)">Kept 6</a>`],
  [
    "hex entity javascript: link",
    `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(7)">Kept 7</a>`,
  ],
  ["tab inside the scheme", `<a href="java&#x09;script:alert(8)">Kept 8</a>`],
  ["leading space before the scheme", `<a href=" javascript:alert(9)">Kept 9</a>`],
  ["data: URL link", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=">Kept 10</a>`],
  ["iframe", `<iframe src="javascript:alert(11)"></iframe><p>Kept 11</p>`],
  ["object with data: URL", `<object data="data:text/html,<script>alert(12)</script>"></object><p>Kept 12</p>`],
  ["style element", `<style>body{background:url("javascript:alert(13)")}</style><p>Kept 13</p>`],
  ["vbscript: link", `<a href="vbscript:msgbox(14)">Kept 14</a>`],
  ["event handlers on an allowed tag", `<p onclick="alert(15)" onmouseover="alert(15)">Kept 15</p>`],
  ["event handler on an allowed link", `<a href="https://example.com" onmouseover="alert(16)">Kept 16</a>`],
  [
    "math/mglyph namespace confusion",
    `<math><mtext><table><mglyph><style><img src=x onerror=alert(17)></style></mglyph></table></mtext></math><p>Kept 17</p>`,
  ],
  [
    "form with javascript: action",
    `<form action="javascript:alert(18)"><button formaction="javascript:alert(18)">Kept 18</button></form>`,
  ],
  ["unclosed tags", `<p>Kept 19<img src=x onerror=alert(19)`],
  ["nested <scr<script>ipt>", `<scr<script>ipt>alert(20)</scr</script>ipt><p>Kept 20</p>`],
  [
    "attribute breaking quotes",
    `<p title="x" onmouseover="alert(21)">Kept 21</p><a title='"><script>alert(21)</script>' href="https://example.com">link</a>`,
  ],
  ["self-closing img with handler", `<img src="x" alt="" onerror=alert(22)//><p>Kept 22</p>`],
  ["style attribute with javascript: url", `<div style="background:url(javascript:alert(23))">Kept 23</div>`],
  ["embed with data: svg", `<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMjQpPg=="><p>Kept 24</p>`],
  ["details ontoggle", `<details open ontoggle=alert(25)><summary>Kept 25</summary></details>`],
  ["body onload", `<body onload=alert(26)><p>Kept 26</p></body>`],
  ["noscript title breakout", `<noscript><p title="</noscript><img src=x onerror=alert(27)>">Kept 27</p></noscript>`],
  ["protocol-relative link", `<a href="//evil.example/x">Kept 28</a>`],
  ["base href", `<base href="javascript:/"><a href="/x">Kept 29</a>`],
  ["meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(30)"><p>Kept 30</p>`],
  ["link stylesheet", `<link rel="stylesheet" href="javascript:alert(31)"><p>Kept 31</p>`],
  ["table background attribute", `<table background="javascript:alert(32)"><tr><td>Kept 32</td></tr></table>`],
  [
    "padded decimal entities without semicolons",
    `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(33)">Kept 33</a>`,
  ],
  ["script in a comment", `<!--<script>alert(34)</script>--><p>Kept 34</p>`],
  ["script in CDATA", `<![CDATA[<script>alert(35)</script>]]><p>Kept 35</p>`],
  ["source onerror", `<video><source onerror="alert(36)"></video><p>Kept 36</p>`],
  ["input autofocus onfocus", `<input autofocus onfocus=alert(37)><p>Kept 37</p>`],
  ["script inside textarea", `<textarea><script>alert(38)</script></textarea><p>Kept 38</p>`],
  ["&colon; entity", `<a href="javascript&colon;alert(39)">Kept 39</a>`],
  [
    "svg with script and xlink",
    `<svg><a xlink:href="javascript:alert(40)"><text>x</text></a><script>alert(40)</script></svg><p>Kept 40</p>`,
  ],
];

type Found = { tags: string[]; attributes: Array<{ tag: string; name: string; value: string }>; text: string };

function walk(nodes: ChildNode[], found: Found): Found {
  for (const node of nodes) {
    if (isText(node)) found.text += node.data;
    if (!isTag(node)) continue;
    found.tags.push(node.name);
    for (const [name, value] of Object.entries(node.attribs)) found.attributes.push({ tag: node.name, name, value });
    walk(node.children, found);
  }
  return found;
}

/** The sanitised HTML as a parser (with entities decoded, as a browser would) sees it. */
const inspect = (html: string): Found =>
  walk(parseDocument(html, { decodeEntities: true }).children, { tags: [], attributes: [], text: "" });

/** The scheme a browser would use for a URL (it drops whitespace and control characters first); undefined for relative URLs. */
const schemeOf = (url: string): string | undefined =>
  /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020]/g, ""))?.[1]?.toLowerCase();

describe("sanitizeSummaryHtml against an XSS corpus", () => {
  it.each(corpus)("%s: only allowed elements, no handlers, no script URLs, text kept", (_name, html) => {
    const output = sanitizeSummaryHtml(html);
    const found = inspect(output);
    expect(found.tags.filter((t) => !allowedTags.has(t))).toEqual([]);
    for (const attr of found.attributes) {
      expect(attr.name).not.toMatch(/^on/i);
      expect(attr.tag === "a" && allowedLinkAttributes.has(attr.name), `${attr.tag} ${attr.name}`).toBe(true);
      expect(attr.value).not.toMatch(dangerousUrl);
    }
    for (const href of found.attributes.filter((a) => a.name === "href").map((a) => a.value)) {
      const scheme = schemeOf(href);
      if (scheme !== undefined) expect(safeSchemes).toContain(scheme);
      expect(href.startsWith("//")).toBe(false);
    }
    expect(output).not.toMatch(/<\s*(script|iframe|object|embed|style|svg|math|form|img|base|meta|link)\b/i);
    expect(output).not.toMatch(dangerousUrl);
    const kept = /Kept \d+/.exec(html)?.[0] ?? "";
    expect(found.text).toContain(kept);
  });

  it("has at least 20 payloads", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
  });

  it("keeps harmless formatting and safe links as they were", () => {
    const html =
      '<h2>Result</h2><p>Customer <b>agreed</b> to the <em>offer</em>.</p><ul><li>one</li><li>two</li></ul><a href="https://example.com/a?b=1">site</a> <a href="mailto:a@example.com">mail</a> <a href="tel:+4930123">call</a>';
    expect(sanitizeSummaryHtml(html)).toBe(
      "<h2>Result</h2><p>Customer <b>agreed</b> to the <em>offer</em>.</p><ul><li>one</li><li>two</li></ul>" +
        '<a href="https://example.com/a?b=1" rel="noopener noreferrer nofollow" target="_blank">site</a> ' +
        '<a href="mailto:a@example.com" rel="noopener noreferrer nofollow" target="_blank">mail</a> ' +
        '<a href="tel:+4930123" rel="noopener noreferrer nofollow" target="_blank">call</a>',
    );
  });

  it("keeps text that merely looks like markup as escaped text", () => {
    const output = sanitizeSummaryHtml("<p>Use &lt;script&gt; tags &amp; more</p>");
    expect(output).toBe("<p>Use &lt;script&gt; tags &amp; more</p>");
    expect(inspect(output).text).toBe("Use <script> tags & more");
  });

  it("a vendor's own target or rel on a link cannot open the page to the opener", () => {
    const output = sanitizeSummaryHtml('<a href="https://example.com" target="_self" rel="opener">x</a>');
    expect(inspect(output).attributes).toEqual(
      expect.arrayContaining([
        { tag: "a", name: "rel", value: "noopener noreferrer nofollow" },
        { tag: "a", name: "target", value: "_blank" },
      ]),
    );
  });
});
