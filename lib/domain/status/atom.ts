// Atom 1.0 (RFC 4287) for the status page's feeds: the page's and one per component. Pure text building;
// every value is escaped, ids are stable tag URIs, so a reader never sees an entry twice.
export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  /** plain text */
  content: string;
  link?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  selfUrl: string;
  pageUrl: string;
  updated: Date;
  entries: AtomEntry[];
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c);
}

export function atomXml(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    `  <author><name>${escapeXml(feed.title)}</name></author>`,
  ];
  for (const e of feed.entries) {
    lines.push(
      "  <entry>",
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title>${escapeXml(e.title)}</title>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      ...(e.link ? [`    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`] : []),
      `    <content type="text">${escapeXml(e.content)}</content>`,
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}

/** tag: URI (RFC 4151) — stable whatever the host the app is served from. */
export function tagId(authority: string, specific: string): string {
  return `tag:${authority},2026:${specific}`;
}
