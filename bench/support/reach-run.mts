// One run of the reach benchmark against DATABASE_URL (see bench/reach.mts), in its own process because the server
// modules are fenced with "server-only" (needs --conditions=react-server).
//
// N open P0 incidents whose team-lead step has fired (with its acknowledge links); each is then acknowledged through
// one channel in turn — email link, Slack button (signed), SMS reply "1" (Twilio-signed), call keypress "1" — through
// the real handlers. Printed per channel and overall: the time from the request to the acknowledgement committed
// (from then on no reminder of that step is planned), median and max; then a scheduler tick at the reminder time
// must fire no reminder for any acknowledged step.
import { createHmac } from "node:crypto";
import { execFileSync } from "node:child_process";
import { prisma } from "@/lib/server/db";
import { createDueP0Incidents } from "./due-p0-incidents.mts";
import { advanceClock, now } from "@/lib/server/clock";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { deliveryOf } from "@/lib/server/escalations/outbox";
import { appBaseUrl, openAckLink } from "@/lib/server/reach/ack-links";
import { handleSlackInteraction, handleTwilioSms, handleTwilioVoice } from "@/lib/server/reach/inbound";

const [label] = process.argv.slice(2);
const N = Number(process.env.BENCH_REACH_INCIDENTS ?? 200);
const url = process.env.DATABASE_URL!;
const SLACK_SECRET = process.env.SLACK_SIGNING_SECRET!;
const TWILIO = process.env.SMS_AUTH_TOKEN!;

execFileSync("node", ["scripts/reset-db.mjs", url], { stdio: "inherit" });
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });

// One team lead per incident (its own number), so an SMS reply answers exactly that incident's page.
const phoneOf = (i: number) => `+8210${String(10_000_000 + i)}`;
const ids = await createDueP0Incidents(N);
// Fire the steps in batches of contacts: one team lead contact at a time would be N ticks; instead every incident
// pages the same directory entry and the SMS reply is matched by the link's own number below.
await prisma.contact.create({
  data: { role: "team_lead", name: "Bench Lead", phone: phoneOf(0), email: "lead@example.com", slackHandle: "" },
});
const fired = await runSchedulerTick(now(), "bench");
if (fired.fired.length !== N) throw new Error(`expected ${N} fired steps, got ${fired.fired.length}`);

const rows = await prisma.notification.findMany({ where: { event: "escalation" } });
const linkOf = (incidentId: number, channel: string) =>
  deliveryOf(rows.find((r) => r.incidentId === incidentId && r.channel === channel)!).ack!;

function slackRequest(token: string): Request {
  const body = new URLSearchParams({
    payload: JSON.stringify({
      type: "block_actions",
      user: { id: "U0BENCH01", name: "bench" },
      actions: [{ action_id: "ack", value: token }],
    }),
  }).toString();
  const ts = String(Math.floor(now().getTime() / 1000));
  const signature = "v0=" + createHmac("sha256", SLACK_SECRET).update(`v0:${ts}:${body}`).digest("hex");
  return new Request("http://localhost/api/integrations/slack/interactions", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature },
    body,
  });
}

function twilioRequest(path: string, params: Record<string, string>): Request {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], `${appBaseUrl()}${path}`);
  const signature = createHmac("sha1", TWILIO).update(data).digest("base64");
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
}

const CHANNELS = ["email link", "Slack button", "SMS reply", "call keypress"] as const;
const times: Record<string, number[]> = Object.fromEntries(CHANNELS.map((c) => [c, []]));
let smsReplies = 0;
for (const [i, incidentId] of ids.entries()) {
  const channel = CHANNELS[i % CHANNELS.length];
  // The SMS reply answers the newest open page to the number: make this incident's link that page.
  if (channel === "SMS reply") {
    const sms = await prisma.ackLink.findFirstOrThrow({ where: { incidentId, channel: "sms" } });
    await prisma.ackLink.update({ where: { id: sms.id }, data: { target: phoneOf(++smsReplies), createdAt: now() } });
  }
  const started = performance.now();
  if (channel === "email link") {
    const state = (await openAckLink(linkOf(incidentId, "sms").token, "email")).state;
    if (state !== "acknowledged") throw new Error(`link: ${state}`);
  } else if (channel === "Slack button") {
    const res = await handleSlackInteraction(slackRequest(linkOf(incidentId, "slack").token));
    if (res.status !== 200) throw new Error(`slack: ${res.status} ${await res.text()}`);
  } else if (channel === "SMS reply") {
    const res = await handleTwilioSms(
      twilioRequest("/api/integrations/twilio/sms", { MessageSid: `SM${i}`, From: phoneOf(smsReplies), Body: "1" }),
    );
    if (!(await res.text()).includes("확인했습니다")) throw new Error("sms reply did not acknowledge");
  } else {
    const path = `/api/integrations/twilio/voice?t=${encodeURIComponent(linkOf(incidentId, "phone").token)}`;
    const res = await handleTwilioVoice(twilioRequest(path, { CallSid: `CA${i}`, Digits: "1" }));
    if (!(await res.text()).includes("확인했습니다")) throw new Error("keypress did not acknowledge");
  }
  times[channel].push(performance.now() - started);
}

const unacked = await prisma.escalationFiring.count({ where: { fireKey: "team_lead", acknowledgedAt: null } });
advanceClock(15 * 60_000);
const reminders = (await runSchedulerTick(now(), "bench")).fired.filter((f) => f.fireKey.startsWith("team_lead#")).length;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (n=${s.length})`;
};
for (const c of CHANNELS) console.log(`${label} ${c.padEnd(14)} acknowledgement → repeats stopped: ${stats(times[c])}`);
console.log(`${label} any channel     acknowledgement → repeats stopped: ${stats(Object.values(times).flat())}`);
console.log(
  `${label} steps left unacknowledged: ${unacked}; reminders fired for acknowledged steps at +15 min: ${reminders} (both must be 0)`,
);
await prisma.$disconnect();
