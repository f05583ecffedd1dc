// Splits free text (notes, descriptions, alert entries) into plain runs and links, so a chart link an
// alert wrote or a Grafana URL a responder pasted can be followed with one click. Only two shapes are
// links: in-app paths ("/metrics?…", never protocol-relative "//host") and http(s) URLs — nothing else
// (no javascript:, data:, mailto:) can become an href.

export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string; external: boolean };

// A link starts the text or follows whitespace/an opening bracket, and runs to the next whitespace.
const LINK = /(^|[\s(])((?:https?:\/\/|\/(?![\/\s]))[^\s<>"]*)/g;
// Sentence punctuation right after a link belongs to the sentence, not to the URL.
const TRAILING = /[.,;:!?)\]'"]+$/;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(LINK)) {
    const start = (match.index ?? 0) + match[1].length;
    const raw = match[2];
    const href = raw.replace(TRAILING, "");
    if (href.length <= 1) continue; // a lone "/" is punctuation, not a path
    if (start > plainFrom) parts.push({ kind: "text", text: text.slice(plainFrom, start) });
    parts.push({ kind: "link", text: href, href, external: href.startsWith("http") });
    plainFrom = start + href.length;
  }
  if (plainFrom < text.length) parts.push({ kind: "text", text: text.slice(plainFrom) });
  return parts;
}
