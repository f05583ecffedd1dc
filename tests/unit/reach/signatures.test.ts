// The providers' request signatures, checked against values computed here from their documentation, and our own
// acknowledge-link signature.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ackIdOf, signAckId, verifySlackRequest, verifyTwilioRequest } from "@/lib/domain/reach/signatures";

const now = new Date("2026-11-29T12:00:00Z");
const ts = String(now.getTime() / 1000);
const body = "payload=%7B%22type%22%3A%22block_actions%22%7D";
const slackSig = (secret: string, timestamp = ts) => "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");

describe("Slack signing secret (v0 HMAC-SHA256 of v0:{timestamp}:{body})", () => {
  it("accepts the documented signature, refuses a wrong secret, an altered body, a stale or future timestamp", () => {
    const secret = "8f742231b10e8888abcd99yyyzzz85a5";
    expect(verifySlackRequest({ secret, timestamp: ts, signature: slackSig(secret), body, now })).toEqual({ ok: true });
    expect(verifySlackRequest({ secret, timestamp: ts, signature: slackSig("other"), body, now })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifySlackRequest({ secret, timestamp: ts, signature: slackSig(secret), body: body + "x", now })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    const old = String(now.getTime() / 1000 - 5 * 60 - 1);
    expect(verifySlackRequest({ secret, timestamp: old, signature: slackSig(secret, old), body, now })).toEqual({
      ok: false,
      reason: "stale",
    });
    const edge = String(now.getTime() / 1000 - 5 * 60 + 1);
    expect(verifySlackRequest({ secret, timestamp: edge, signature: slackSig(secret, edge), body, now }).ok).toBe(true);
    const future = String(now.getTime() / 1000 + 10 * 60);
    expect(verifySlackRequest({ secret, timestamp: future, signature: slackSig(secret, future), body, now }).ok).toBe(false);
    expect(verifySlackRequest({ secret, timestamp: null, signature: slackSig(secret), body, now })).toEqual({
      ok: false,
      reason: "missing",
    });
  });
});

describe("X-Twilio-Signature (base64 HMAC-SHA1 of URL + sorted name/value pairs)", () => {
  // Twilio's documented example (Security → Validating requests).
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params = { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" };
  const authToken = "12345";

  it("matches Twilio's published example and refuses a wrong token, URL or parameter", () => {
    expect(verifyTwilioRequest({ authToken, url, params, signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=" })).toBe(true);
    const sig = createHmac("sha1", authToken)
      .update(
        url +
          Object.keys(params)
            .sort()
            .map((k) => k + params[k as keyof typeof params])
            .join(""),
      )
      .digest("base64");
    expect(sig).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    expect(verifyTwilioRequest({ authToken: "54321", url, params, signature: sig })).toBe(false);
    expect(verifyTwilioRequest({ authToken, url: url + "&x=1", params, signature: sig })).toBe(false);
    expect(verifyTwilioRequest({ authToken, url, params: { ...params, Digits: "1" }, signature: sig })).toBe(false);
    expect(verifyTwilioRequest({ authToken, url, params, signature: null })).toBe(false);
  });
});

describe("acknowledge link tokens", () => {
  it("round-trips with the key and refuses a forged, truncated or foreign-key token", () => {
    const token = signAckId("key-1", "AbCdEfGh12345678");
    expect(ackIdOf("key-1", token)).toBe("AbCdEfGh12345678");
    expect(ackIdOf("key-2", token)).toBeNull();
    expect(ackIdOf("key-1", token.slice(0, -1))).toBeNull();
    expect(ackIdOf("key-1", `ZZZZEfGh12345678.${token.split(".")[1]}`)).toBeNull();
    expect(ackIdOf("key-1", "not a token")).toBeNull();
  });
});
