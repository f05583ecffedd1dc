import { afterEach, describe, expect, it } from "vitest";
import { createEmailNotifier } from "@/lib/notify/email";
import { delivery, freeClosedPort } from "./helpers";
import { decodeHeader, parseMail, startSmtpServer, type SmtpTestServer } from "./smtp-server";

let smtp: SmtpTestServer | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const mail = (to: string) =>
  delivery({
    channel: "email",
    to,
    recipient: { role: "team_lead", name: "Kim" },
    mentions: [],
    idempotencyKey: `incident:42|escalation:team_lead|email|${to}`,
  });

describe("SMTP email adapter (nodemailer)", () => {
  it("delivers the email with subject and body to a local SMTP server", async () => {
    smtp = await startSmtpServer();
    const notifier = createEmailNotifier({
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: "incident-bot",
      pass: "s3cret",
      from: "Incident Command <incidents@example.com>",
    });
    const result = await notifier.send(mail("lead@example.com"));
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.providerId).toMatch(/^<.+>$/);

    expect(smtp.mails).toHaveLength(1);
    const received = smtp.mails[0];
    expect(received.from).toBe("incidents@example.com");
    expect(received.to).toEqual(["lead@example.com"]);
    expect(received.auth).toEqual({ user: "incident-bot", pass: "s3cret" });
    const { headers, text } = parseMail(received.data);
    expect(decodeHeader(headers.subject)).toBe("[P0 에스컬레이션] #42 주문 <API> & 결제 / [P0 escalation] #42 orders <API> & payments");
    expect(headers["x-incident-command-key"]).toBe("incident:42|escalation:team_lead|email|lead@example.com");
    expect(text).toContain("팀 리더 알림: 15분 경과");
    expect(text).toContain("Notifying the team lead: 15 min");
    expect(text).toContain("https://ic.example/incidents/42?tab=a&b=1");
  });

  it("a 550 recipient is a permanent failure, a 451 is retryable", async () => {
    smtp = await startSmtpServer();
    const notifier = createEmailNotifier({ host: "127.0.0.1", port: smtp.port, secure: false, from: "incidents@example.com" });
    const rejected = await notifier.send(mail("reject@example.com"));
    expect(rejected).toMatchObject({ ok: false, retryable: false });
    const later = await notifier.send(mail("later@example.com"));
    expect(later).toMatchObject({ ok: false, retryable: true });
    expect(smtp.mails).toHaveLength(0);
  });

  it("a refused connection is retryable and does not throw", async () => {
    const port = await freeClosedPort();
    const notifier = createEmailNotifier({ host: "127.0.0.1", port, secure: false, from: "incidents@example.com", timeoutMs: 2000 });
    expect(await notifier.send(mail("lead@example.com"))).toMatchObject({ ok: false, retryable: true });
  });
});
