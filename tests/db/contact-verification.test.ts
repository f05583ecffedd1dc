// Verifying a person's contact methods with a code, against the real database (SQLite and PostgreSQL) and real
// delivery: the email travels by SMTP to a local capture server, the SMS through the Twilio-shaped HTTP API to a local
// sink; the code is read from what arrived there, never from the app. Only the code's hash is stored; 10 minutes;
// 5 wrong tries lock it; a changed value is not verified; the readiness views count the verified methods.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock } from "@/lib/server/clock";
import { errorResponse } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { confirmVerificationCode, sendVerificationCode } from "@/lib/server/reach/verify";
import { myReadiness, onCallReadiness } from "@/lib/server/reach/readiness";
import { createSchedule } from "@/lib/server/oncall/store";
import { scheduleInput } from "@/lib/domain/oncall/input";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { startSink, type Sink } from "../support/escalations";
import { parseMail, startSmtpServer, type SmtpTestServer } from "../services/notify/smtp-server";

const MIN = 60_000;
/** numbers the SMS provider refuses (a provider error, not a transport one) */
const REFUSED = "+821099990000";

let smtp: SmtpTestServer;
let sink: Sink;
let person: Actor;
let email: string;

beforeAll(async () => {
  smtp = await startSmtpServer(0);
  sink = await startSink((req) => (new URLSearchParams(req.body).get("To") === REFUSED ? 400 : 200), "invalid To number");
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SMTP_FROM: "Incident Command <ic@example.com>",
    SMS_PROVIDER_URL: sink.url,
    SMS_ACCOUNT_SID: "ACverify",
    SMS_AUTH_TOKEN: "verify-auth-token-0123456789",
    SMS_FROM: "+15550002222",
  });
  person = await actorFor("responder");
  email = (await prisma.user.findUniqueOrThrow({ where: { id: person.userId! } })).email;
});
afterAll(async () => {
  await prisma.contactVerification.deleteMany({ where: { userId: person.userId! } });
  await prisma.userPagingContact.deleteMany({ where: { userId: person.userId! } });
  await smtp.close();
  await sink.close();
});
beforeEach(async () => {
  // a fresh start for this person; a minute later than the last code so the resend pause never carries over
  await prisma.contactVerification.deleteMany({ where: { userId: person.userId! } });
  await prisma.ackLink.deleteMany({ where: { purpose: "test", userId: person.userId! } });
  advanceClock(2 * MIN);
});

const setPhone = (phone: string) =>
  prisma.userPagingContact.upsert({ where: { userId: person.userId! }, update: { phone }, create: { userId: person.userId!, phone } });

/** The code in the last mail to the person (the capture server's copy). */
function lastMailedCode(): string {
  const mail = smtp.mails.filter((m) => m.to.includes(email)).at(-1);
  expect(mail, "a mail to the person").toBeDefined();
  const { headers, text } = parseMail(mail!.data);
  expect(headers.subject).toBeTruthy();
  return /verification code: (\d{6})/.exec(text)![1];
}

/** The code in the last SMS to `to` (the provider sink's copy). */
function lastTextedCode(to: string): string {
  const sms = sink.requests.filter((r) => r.path.endsWith("/Messages.json") && new URLSearchParams(r.body).get("To") === to).at(-1);
  expect(sms, `an SMS to ${to}`).toBeDefined();
  return /확인 코드: (\d{6})/.exec(new URLSearchParams(sms!.body).get("Body") ?? "")![1];
}

async function refusal(promise: Promise<unknown>, locale: "en" | "ko" = "en") {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const response = errorResponse(error, locale);
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code, message: body.error.message };
}

const methods = async () => Object.fromEntries((await myReadiness(person.userId!))!.methods.map((m) => [m.channel, m.verified]));

describe("a code sent by email", () => {
  it("arrives through SMTP; only its hash is stored; the right code verifies the address once", async () => {
    const sent = await sendVerificationCode(person, "email");
    expect(sent).toMatchObject({ channel: "email", target: email });
    const code = lastMailedCode();
    const row = await prisma.contactVerification.findFirstOrThrow({ where: { userId: person.userId!, channel: "email" } });
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(new Date(sent.expiresAt).getTime() - row.createdAt.getTime()).toBe(10 * MIN);
    // the code never goes through the outbox (its rows keep the message text)
    expect(await prisma.notification.count({ where: { body: { contains: code } } })).toBe(0);
    expect((await methods()).email).toBe(false);

    const wrong = code === "000000" ? "111111" : "000000";
    expect(await refusal(confirmVerificationCode(person, "email", wrong))).toMatchObject({
      status: 422,
      message: "Wrong code: 4 tries left.",
    });
    expect(await refusal(confirmVerificationCode(person, "email", wrong), "ko")).toMatchObject({
      status: 422,
      message: "코드가 틀렸습니다. 3번 더 시도할 수 있습니다.",
    });
    const mine = await confirmVerificationCode(person, "email", `${code.slice(0, 3)} ${code.slice(3)}`);
    expect(mine.methods.find((m) => m.channel === "email")).toMatchObject({ verified: true, target: email });
    // used: the same code again finds nothing to check
    expect(await refusal(confirmVerificationCode(person, "email", code))).toMatchObject({ status: 409 });
    expect(await prisma.auditLog.count({ where: { action: "reach.verify-code.verified", entityId: person.userId! } })).toBeGreaterThan(0);
  });

  it("expires after 10 minutes, even with the right code", async () => {
    await sendVerificationCode(person, "email");
    const code = lastMailedCode();
    advanceClock(10 * MIN);
    expect(await refusal(confirmVerificationCode(person, "email", code), "ko")).toMatchObject({
      status: 409,
      message: "코드가 만료되었습니다(코드는 10분 동안 유효합니다). 새 코드를 요청하세요.",
    });
    expect((await methods()).email).toBe(false);
  });

  it("locks after 5 wrong tries: the right code is refused from then on", async () => {
    await sendVerificationCode(person, "email");
    const code = lastMailedCode();
    const wrong = code === "123456" ? "654321" : "123456";
    for (const left of [4, 3, 2, 1]) {
      expect((await refusal(confirmVerificationCode(person, "email", wrong))).message).toBe(`Wrong code: ${left} tries left.`);
    }
    expect(await refusal(confirmVerificationCode(person, "email", wrong))).toMatchObject({
      status: 429,
      message: "Too many wrong codes: this code is locked. Ask for a new code.",
    });
    expect(await refusal(confirmVerificationCode(person, "email", code))).toMatchObject({ status: 429 });
    expect((await methods()).email).toBe(false);
    const row = await prisma.contactVerification.findFirstOrThrow({ where: { userId: person.userId!, channel: "email" } });
    expect(row.attempts).toBe(5);
  });

  it("a new code waits a minute, and replaces the old one", async () => {
    await sendVerificationCode(person, "email");
    const first = lastMailedCode();
    expect(await refusal(sendVerificationCode(person, "email"), "ko")).toMatchObject({
      status: 429,
      message: "방금 코드를 보냈습니다. 새 코드는 60초 뒤에 요청하세요.",
    });
    advanceClock(MIN);
    await sendVerificationCode(person, "email");
    const second = lastMailedCode();
    if (first !== second) {
      expect((await refusal(confirmVerificationCode(person, "email", first))).status).toBe(422);
    }
    await confirmVerificationCode(person, "email", second);
    expect((await methods()).email).toBe(true);
  });

  it("refuses what is not a code, in the reader's language", async () => {
    expect(await refusal(confirmVerificationCode(person, "email", "12ab56"), "ko")).toMatchObject({
      status: 422,
      message: "메시지에 있는 6자리 코드를 입력하세요.",
    });
    expect(await refusal(confirmVerificationCode(person, "email", "123456"))).toMatchObject({
      status: 409,
      message: "No code was sent to your current email address: ask for a new code.",
    });
    expect(await refusal(sendVerificationCode(person, "slack"), "ko")).toMatchObject({ status: 400, code: "bad_request" });
    expect(await refusal(sendVerificationCode(person, "fax"))).toMatchObject({ status: 404 });
    const token: Actor = { kind: "token", userId: null, tokenId: "t", label: "script", role: "admin" };
    expect(await refusal(sendVerificationCode(token, "email"), "ko")).toMatchObject({
      status: 400,
      message: "연락 수단은 사람에게 속합니다. API 토큰 대신 로그인해서 사용하세요.",
    });
  });
});

describe("a code sent by SMS", () => {
  it("arrives through the SMS API; verifies the number for SMS and calls; a new number is not verified", async () => {
    await prisma.userPagingContact.deleteMany({ where: { userId: person.userId! } });
    expect(await refusal(sendVerificationCode(person, "sms"), "ko")).toMatchObject({
      status: 400,
      message: "먼저 호출용 전화번호를 입력한 뒤 코드를 요청하세요.",
    });
    await setPhone("+82 10-2222-3333");
    await sendVerificationCode(person, "sms");
    const code = lastTextedCode("+821022223333");
    expect(await prisma.contactVerification.count({ where: { userId: person.userId!, channel: "sms", target: "+821022223333" } })).toBe(1);
    await confirmVerificationCode(person, "sms", code);
    expect(await methods()).toMatchObject({ sms: true, phone: true, slack: false });

    // on call: the admin's readiness view shows the same
    const schedule = await createSchedule(
      await actorFor("admin"),
      scheduleInput.parse({
        role: "executive",
        layers: [{ members: [person.userId!], rotation: { kind: "daily" }, handoff: "09:00", startDate: "2026-01-01" }],
      }),
    );
    try {
      const row = (await onCallReadiness()).people.find((p) => p.userId === person.userId)!;
      expect(row.methods.filter((m) => m.verified).map((m) => m.channel)).toEqual(expect.arrayContaining(["sms", "phone"]));
    } finally {
      await prisma.onCallSchedule.deleteMany({ where: { id: schedule.id } });
    }

    // a changed number is not verified by the old number's code; the old code does not verify the new number
    await setPhone("+82 10-4444-5555");
    expect(await methods()).toMatchObject({ sms: false, phone: false });
    expect(await refusal(confirmVerificationCode(person, "sms", code))).toMatchObject({
      status: 409,
      message: "No code was sent to your current phone number: ask for a new code.",
    });
    // back to the verified number: it is verified again (the code proved that number)
    await setPhone("+82 10-2222-3333");
    expect(await methods()).toMatchObject({ sms: true, phone: true });
  });

  it("a provider refusal keeps nothing: no code row, the reason in the answer", async () => {
    await setPhone(REFUSED);
    const answer = await refusal(sendVerificationCode(person, "sms"));
    expect(answer.status).toBe(409);
    expect(answer.message).toMatch(/^The code could not be sent \(.*invalid To number.*\)\. Check it and try again\.$/);
    expect(await prisma.contactVerification.count({ where: { userId: person.userId!, channel: "sms" } })).toBe(0);
    // and nothing holds back the next try
    await setPhone("+82 10-2222-3333");
    await sendVerificationCode(person, "sms");
    expect(lastTextedCode("+821022223333")).toMatch(/^\d{6}$/);
  });
});
