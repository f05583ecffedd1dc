// Splits free text (notes, descriptions, alert entries) into plain runs and links, so a chart link an
// alert wrote or a Grafana URL a responder pasted can be followed with one click. Only two shapes are
// links: in-app paths ("/metrics?…") that stay on this origin, and http(s) URLs — nothing else
// (no javascript:, data:, mailto:, protocol-relative "//host") can become an href.
//
// Browsers read "\" as "/" in http(s) URLs and drop tabs and newlines, so "/\host/path", "/\/host" and
// "\\host" all mean "//host" — another site. A path is a link only if it parses back onto this origin
// and neither it nor its percent-decoded form (up to three rounds: "%252F" → "%2F" → "/") starts with
// two slashes or holds a backslash or a control character.

export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string; external: boolean };

// A link candidate starts the text or follows whitespace/an opening bracket, and runs to the next whitespace.
const LINK = /(^|[\s(])((?:https?:\/\/|\/)[^\s<>"]*)/gi;
// Sentence punctuation right after a link belongs to the sentence, not to the URL.
const TRAILING = /[.,;:!?)\]'"]+$/;
const PROBE_ORIGIN = "https://same-origin.invalid";
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** "/path?q" that stays on this origin, also after the browser's and a server's decoding. */
export function isSameOriginPath(href: string): boolean {
  let form = href;
  for (let round = 0; round < 4; round++) {
    if (!form.startsWith("/") || form.startsWith("//") || form.includes("\\") || CONTROL.test(form)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return false; // a malformed escape is not a path anyone meant
    }
    if (decoded === form) break;
    form = decoded;
  }
  try {
    return new URL(href, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

/** An absolute http(s) URL with a host (no credentials, no backslash trickery). */
export function isWebUrl(href: string): boolean {
  if (!/^https?:\/\/[^/\\]/i.test(href) || href.includes("\\") || CONTROL.test(href)) return false;
  try {
    const url = new URL(href);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(LINK)) {
    const start = (match.index ?? 0) + match[1].length;
    const href = match[2].replace(TRAILING, "");
    if (href.length <= 1) continue; // a lone "/" is punctuation, not a path
    const external = /^https?:/i.test(href);
    if (external ? !isWebUrl(href) : !isSameOriginPath(href)) continue;
    if (start > plainFrom) parts.push({ kind: "text", text: text.slice(plainFrom, start) });
    parts.push({ kind: "link", text: href, href, external });
    plainFrom = start + href.length;
  }
  if (plainFrom < text.length) parts.push({ kind: "text", text: text.slice(plainFrom) });
  return parts;
}
