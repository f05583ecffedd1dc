import { describe, expect, it } from "vitest";
import { atomXml, tagId } from "@/lib/domain/status/atom";
import { parseAtomFeed, validateXml, type AtomEntry } from "../../support/atom-feed";

describe("Atom feed", () => {
  it("is well-formed and has RFC 4287's required elements, with text escaped", () => {
    const xml = atomXml({
      id: tagId("status.example.com", "status"),
      title: "서비스 상태",
      selfUrl: "https://status.example.com/status/feed.atom?lang=ko",
      pageUrl: "https://status.example.com/status",
      updated: new Date("2026-11-29T12:00:00Z"),
      entries: [
        {
          id: tagId("status.example.com", "status:update:u1"),
          title: '[원인 파악] 결제 <장애> & "x"',
          updated: new Date("2026-11-29T12:00:00Z"),
          content: "a < b & c",
        },
      ],
    });
    expect(validateXml(xml)).toBe(true);
    const feed = parseAtomFeed(xml);
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("tag:status.example.com,2026:status");
    expect(feed.updated).toBe("2026-11-29T12:00:00.000Z");
    expect(feed.link.find((l) => l["@rel"] === "self")?.["@href"]).toContain("/status/feed.atom");
    const entry = feed.entry as AtomEntry; // one entry: the parser gives it as an object
    expect(entry.title).toBe('[원인 파악] 결제 <장애> & "x"');
    expect(entry.content["#text"]).toBe("a < b & c");
  });
});
