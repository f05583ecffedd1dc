import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findUnsafeText, safeString, unsafeTextIssueKind, unsafeTextKind } from "@/lib/domain/safe-text";
import { crossOriginVerdict } from "@/lib/server/security/origin-check";
import { contentSecurityPolicy } from "@/lib/server/security/page-headers";
import { declareIncidentInput, noteInput } from "@/lib/domain/incident-input";
import { actionItemInput } from "@/lib/domain/postmortem/action-items";
import { contactEntryInput } from "@/lib/domain/escalation-input";
import { postmortemSectionsInput } from "@/lib/domain/postmortem/template";

describe("unsafe text: NUL and lone UTF-16 surrogates", () => {
  it("tells NUL and lone surrogates from real text, emoji and Korean included", () => {
    expect(unsafeTextKind("결제 실패 😀 ok")).toBeNull();
    expect(unsafeTextKind("a\u0000b")).toBe("nul");
    expect(unsafeTextKind("\ud83d")).toBe("surrogate");
    expect(unsafeTextKind("x\ude00")).toBe("surrogate");
    expect(unsafeTextKind("\ude00\ud83d")).toBe("surrogate"); // swapped halves
    expect(unsafeTextKind("\ud83d\ude00")).toBeNull();
  });

  it("finds the first bad string anywhere in a JSON value, keys included, and names its path", () => {
    expect(findUnsafeText({ a: [1, { b: "ok" }, { c: "x\u0000" }] })).toEqual({ path: "a.2.c", kind: "nul" });
    expect(findUnsafeText({ ["k\ud800"]: 1 })).toEqual({ path: "k\ufffd", kind: "surrogate" });
    expect(findUnsafeText("\u0000")).toEqual({ path: "_", kind: "nul" });
    expect(findUnsafeText({ fine: ["😀", 3, null, true] })).toBeNull();
  });

  it("safeString() refuses before trim/min/max run, with an issue the server can localise", () => {
    const schema = z.strictObject({ title: safeString({ error: "Title is required." }).trim().min(1).max(5) });
    const result = schema.safeParse({ title: "\u0000 far too long" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toHaveLength(1);
    expect(unsafeTextIssueKind(result.error!.issues[0])).toBe("nul");
    expect(schema.parse({ title: "  ok  " })).toEqual({ title: "ok" });
  });

  it("is used by the input schemas of lib/domain", () => {
    const kinds = (r: { success: boolean; error?: z.ZodError }) => r.error?.issues.map(unsafeTextIssueKind);
    expect(kinds(declareIncidentInput.safeParse({ title: "x\u0000", severity: "P1" }))).toEqual(["nul"]);
    expect(kinds(declareIncidentInput.safeParse({ title: "x", severity: "P1", description: "\ud800" }))).toEqual(["surrogate"]);
    expect(kinds(noteInput.safeParse({ text: "\udfff" }))).toEqual(["surrogate"]);
    expect(kinds(actionItemInput.safeParse({ title: "t", owner: "o\u0000", dueDate: "2026-12-01", horizon: "immediate" }))).toContain(
      "nul",
    );
    expect(kinds(contactEntryInput.safeParse({ role: "team_lead", name: "\u0000", phone: "", email: "", slackHandle: "" }))).toContain(
      "nul",
    );
    expect(kinds(postmortemSectionsInput.safeParse({ [Object.keys(postmortemSectionsInput.shape)[0]]: "a\ud800" }))).toEqual(["surrogate"]);
  });
});

describe("cross-origin check for cookie-authenticated mutations", () => {
  const h = (headers: Record<string, string>) => new Headers(headers);
  const trusted = ["https://ic.example.com"];

  it("never checks GET, HEAD, OPTIONS", () => {
    expect(crossOriginVerdict("GET", h({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toEqual({ ok: true });
    expect(crossOriginVerdict("HEAD", h({ "sec-fetch-site": "cross-site" })).ok).toBe(true);
  });

  it("accepts same-origin requests by Sec-Fetch-Site, by Origin = Host, or by Origin = the public URL", () => {
    expect(crossOriginVerdict("POST", h({ "sec-fetch-site": "same-origin", origin: "http://localhost:3000" })).ok).toBe(true);
    expect(crossOriginVerdict("POST", h({ "sec-fetch-site": "none" })).ok).toBe(true);
    expect(crossOriginVerdict("PATCH", h({ origin: "http://localhost:3000", host: "localhost:3000" })).ok).toBe(true);
    expect(
      crossOriginVerdict("DELETE", h({ origin: "https://ic.example.com", host: "10.0.0.7:3000", "x-forwarded-host": "ic.example.com" })).ok,
    ).toBe(true);
    expect(
      crossOriginVerdict("POST", h({ origin: "https://ic.example.com", host: "10.0.0.7:3000", "sec-fetch-site": "same-site" }), trusted).ok,
    ).toBe(true);
  });

  it("accepts requests without either header (curl, server to server) and anything with an Authorization header", () => {
    expect(crossOriginVerdict("POST", h({})).ok).toBe(true);
    expect(
      crossOriginVerdict("POST", h({ authorization: "Bearer ic_x", origin: "https://evil.example", "sec-fetch-site": "cross-site" })).ok,
    ).toBe(true);
  });

  it("refuses another site, a sibling subdomain, a different port or scheme-less null origin", () => {
    expect(
      crossOriginVerdict("POST", h({ origin: "https://evil.example", "sec-fetch-site": "cross-site", host: "localhost:3000" })),
    ).toEqual({ ok: false, origin: "https://evil.example" });
    expect(
      crossOriginVerdict("POST", h({ origin: "https://a.ic.example.com", "sec-fetch-site": "same-site", host: "ic.example.com" }), trusted)
        .ok,
    ).toBe(false);
    expect(crossOriginVerdict("PUT", h({ origin: "http://localhost:4000", host: "localhost:3000" })).ok).toBe(false);
    expect(crossOriginVerdict("POST", h({ origin: "null", host: "localhost:3000" })).ok).toBe(false);
    expect(crossOriginVerdict("POST", h({ origin: "javascript:alert(1)", host: "localhost:3000" })).ok).toBe(false);
    // a browser that marked it cross-site is refused even when the Origin text happens to equal the Host
    expect(
      crossOriginVerdict("POST", h({ origin: "http://localhost:3000", host: "localhost:3000", "sec-fetch-site": "cross-site" })).ok,
    ).toBe(false);
  });
});

describe("Content-Security-Policy for pages", () => {
  it("allows scripts only by nonce (strict-dynamic), never unsafe-inline; no framing; https upgrades only over https", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false, https: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", dev: false, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", dev: true, https: false })).toContain("'unsafe-eval'");
  });
});
