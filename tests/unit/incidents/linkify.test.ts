import { describe, expect, it } from "vitest";
import { linkify } from "@/lib/domain/linkify";

const links = (text: string) =>
  linkify(text)
    .filter((p) => p.kind === "link")
    .map((p) => p.kind === "link" && p.href);

describe("linkify", () => {
  it("links an alert's chart path and keeps the text around it", () => {
    const text = "조건 5xx > 5 %, 2분 지속 · 차트 /metrics?signal=error_ratio&range=1h#signal-error_ratio";
    const parts = linkify(text);
    expect(parts).toEqual([
      { kind: "text", text: "조건 5xx > 5 %, 2분 지속 · 차트 " },
      {
        kind: "link",
        text: "/metrics?signal=error_ratio&range=1h#signal-error_ratio",
        href: "/metrics?signal=error_ratio&range=1h#signal-error_ratio",
        external: false,
      },
    ]);
    expect(parts.map((p) => p.text).join("")).toBe(text);
  });

  it("links pasted http(s) URLs as external, without the sentence's trailing punctuation", () => {
    expect(links("see https://grafana.example.com/d/abc?orgId=1. then (http://10.0.0.5:8080/actuator/health)")).toEqual([
      "https://grafana.example.com/d/abc?orgId=1",
      "http://10.0.0.5:8080/actuator/health",
    ]);
    expect(linkify("x https://a.example/b").at(-1)).toMatchObject({ external: true });
  });

  it("never turns other schemes, protocol-relative URLs, ratios or a lone slash into links", () => {
    expect(links("javascript:alert(1) data:text/html,x //evil.example/x 3/4 and / alone mailto:a@b")).toEqual([]);
  });

  it("does not link a path glued to a word (a/b), only one that starts a word", () => {
    expect(links("read/write on /runbooks/redis-lock-timeout")).toEqual(["/runbooks/redis-lock-timeout"]);
  });
});

describe("linkify never links to another site", () => {
  const hostile = [
    "/\\evil.example/path",
    "/\\/evil.example",
    "//evil.example",
    "\\\\evil.example\\share",
    "/%5Cevil.example/path",
    "/%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    "/%5C%5Cevil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%E0%A4%A", // malformed escape
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "%6A%61vascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "http:/\\evil.example",
    "https:\\\\evil.example",
    "https://\\evil.example",
    "http://user:pass@evil.example/",
    "https:///evil.example",
  ];

  it.each(hostile)("%s is plain text", (candidate) => {
    expect(links(`see ${candidate} now`)).toEqual([]);
    expect(
      linkify(candidate)
        .map((p) => p.text)
        .join(""),
    ).toBe(candidate);
  });

  it("keeps same-origin paths with ordinary escapes and query strings as in-app links", () => {
    expect(
      links("chart /metrics?signal=error_ratio&range=1h and /incidents/42#timeline and /runbooks/%EB%A0%88%EB%94%94%EC%8A%A4"),
    ).toEqual(["/metrics?signal=error_ratio&range=1h", "/incidents/42#timeline", "/runbooks/%EB%A0%88%EB%94%94%EC%8A%A4"]);
    expect(linkify("/incidents/42")[0]).toMatchObject({ kind: "link", external: false });
  });

  it("marks http(s) URLs external whatever their case", () => {
    expect(linkify("HTTPS://grafana.example.com/d/x")[0]).toMatchObject({
      kind: "link",
      external: true,
      href: "HTTPS://grafana.example.com/d/x",
    });
  });
});
