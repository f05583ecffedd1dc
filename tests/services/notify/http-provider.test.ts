import { afterEach, describe, expect, it } from "vitest";
import { createPhoneNotifier, createSmsNotifier, type HttpProviderConfig } from "@/lib/notify/http-provider";
import { delivery, startHttpServer, type TestServer } from "./helpers";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const config = (baseUrl: string): HttpProviderConfig => ({
  baseUrl: `${baseUrl}/`,
  accountSid: "AC0123456789abcdef",
  authToken: "tok3n-secret",
  from: "+15550001111",
});
const sms = delivery({ channel: "sms", to: "+821011112222", recipient: { role: "team_lead", name: "Kim" }, mentions: [] });

describe("Twilio-shaped HTTP provider", () => {
  it("sends an SMS as a form with To, From, Body and HTTP Basic auth", async () => {
    server = await startHttpServer((_req, res) =>
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: "SM123", status: "queued" })),
    );
    const result = await createSmsNotifier(config(server.url)).send(sms);
    expect(result).toEqual({ ok: true, providerId: "SM123" });
    const req = server.requests[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/2010-04-01/Accounts/AC0123456789abcdef/Messages.json");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from("AC0123456789abcdef:tok3n-secret").toString("base64")}`);
    const form = new URLSearchParams(req.body);
    expect(form.get("To")).toBe("+821011112222");
    expect(form.get("From")).toBe("+15550001111");
    expect(form.get("Body")).toBe(
      "[P0 에스컬레이션] #42 주문 <API> & 결제\n팀 리더 알림: 15분 경과\nhttps://ic.example/incidents/42?tab=a&b=1",
    );
    expect([...form.keys()].sort()).toEqual(["Body", "From", "To"]);
  });

  it("places a call with inline TwiML <Response><Say>, XML-escaped", async () => {
    server = await startHttpServer((_req, res) =>
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: "CA9", status: "queued" })),
    );
    const result = await createPhoneNotifier(config(server.url)).send({ ...sms, channel: "phone" });
    expect(result).toEqual({ ok: true, providerId: "CA9" });
    const req = server.requests[0];
    expect(req.url).toBe("/2010-04-01/Accounts/AC0123456789abcdef/Calls.json");
    const form = new URLSearchParams(req.body);
    expect(form.get("To")).toBe("+821011112222");
    expect(form.get("From")).toBe("+15550001111");
    const twiml = form.get("Twiml") ?? "";
    expect(twiml.startsWith("<Response><Say")).toBe(true);
    expect(twiml.endsWith("</Say></Response>")).toBe(true);
    expect(twiml).toContain('language="ko-KR"');
    expect(twiml).toContain("주문 &lt;API&gt; &amp; 결제");
    expect(twiml).not.toContain("<API>");
  });

  it("maps the error JSON: 400 invalid number is permanent, 429 and 5xx retry", async () => {
    const answers = [
      [
        400,
        {
          code: 21211,
          message: "The 'To' number 123 is not a valid phone number.",
          more_info: "https://www.twilio.com/docs/errors/21211",
          status: 400,
        },
      ],
      [429, { code: 20429, message: "Too Many Requests", status: 429 }],
      [503, { code: 20503, message: "Service unavailable", status: 503 }],
      [401, { code: 20003, message: "Authenticate", status: 401 }],
    ] as const;
    server = await startHttpServer((_req, res, i) => {
      const [status, body] = answers[i];
      res
        .writeHead(status, { "content-type": "application/json", ...(status === 429 ? { "retry-after": "2" } : {}) })
        .end(JSON.stringify(body));
    });
    const notifier = createSmsNotifier(config(server.url));
    expect(await notifier.send(sms)).toEqual({
      ok: false,
      retryable: false,
      error: "HTTP 400: 21211 The 'To' number 123 is not a valid phone number.",
    });
    expect(await notifier.send(sms)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 2000 });
    expect(await notifier.send(sms)).toMatchObject({ ok: false, retryable: true, error: "HTTP 503: 20503 Service unavailable" });
    expect(await notifier.send(sms)).toMatchObject({ ok: false, retryable: false });
  });

  it("refuses a delivery of another channel without calling the provider", async () => {
    server = await startHttpServer((_req, res) => res.writeHead(201).end("{}"));
    expect(await createSmsNotifier(config(server.url)).send(delivery())).toMatchObject({ ok: false, retryable: false });
    expect(server.requests).toHaveLength(0);
  });
});
