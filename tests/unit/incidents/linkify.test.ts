import { describe, expect, it } from "vitest";
import { linkify } from "@/lib/domain/linkify";

const links = (text: string) => linkify(text).filter((p) => p.kind === "link").map((p) => p.kind === "link" && p.href);

describe("linkify", () => {
  it("links an alert's chart path and keeps the text around it", () => {
    const text = "조건 5xx > 5 %, 2분 지속 · 차트 /metrics?signal=error_ratio&range=1h#signal-error_ratio";
    const parts = linkify(text);
    expect(parts).toEqual([
      { kind: "text", text: "조건 5xx > 5 %, 2분 지속 · 차트 " },
      { kind: "link", text: "/metrics?signal=error_ratio&range=1h#signal-error_ratio", href: "/metrics?signal=error_ratio&range=1h#signal-error_ratio", external: false },
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
