import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { atomXml, tagId } from "@/lib/domain/status/atom";

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
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml) as {
      feed: {
        "@xmlns": string;
        id: string;
        title: string;
        updated: string;
        link: { "@rel": string; "@href": string }[];
        entry: { id: string; title: string; content: { "#text": string } };
      };
    };
    expect(doc.feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(doc.feed.id).toBe("tag:status.example.com,2026:status");
    expect(doc.feed.updated).toBe("2026-11-29T12:00:00.000Z");
    expect(doc.feed.link.find((l) => l["@rel"] === "self")?.["@href"]).toContain("/status/feed.atom");
    expect(doc.feed.entry.title).toBe('[원인 파악] 결제 <장애> & "x"');
    expect(doc.feed.entry.content["#text"]).toBe("a < b & c");
  });
});
