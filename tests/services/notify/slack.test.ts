import { afterEach, describe, expect, it } from "vitest";
import { afterAttempt, type AttemptDecision } from "@/lib/domain/notification-plan";
import { createSlackNotifier, escapeMrkdwn } from "@/lib/notify/slack";
import type { Notifier } from "@/lib/notify/types";
import { delivery, freeClosedPort, startHttpServer, type TestServer } from "./helpers";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Drives a notifier with the retry policy on a virtual clock, as the outbox deliverer will. */
async function deliverWithRetries(notifier: Notifier, start: Date) {
  let now = start;
  let attempts = 0;
  const decisions: AttemptDecision[] = [];
  for (;;) {
    const result = await notifier.send(delivery());
    attempts += 1;
    const decision = afterAttempt(result, attempts, now);
    decisions.push(decision);
    if (decision.state !== "retry") return { attempts, decisions, finishedAt: now };
    now = decision.nextAttemptAt;
  }
}

describe("Slack incoming webhook adapter", () => {
  it("retries 500s with the policy and succeeds on the fourth attempt, exactly once", async () => {
    server = await startHttpServer((_req, res, i) => {
      if (i < 3) res.writeHead(500, { "content-type": "text/plain" }).end("rollup_error");
      else res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
    const notifier = createSlackNotifier({ webhooks: { "#emergency": `${server.url}/services/T1/B1/secret` } });
    const start = new Date("2026-11-25T03:00:00Z");
    const run = await deliverWithRetries(notifier, start);
    expect(run.attempts).toBe(4);
    expect(server.requests).toHaveLength(4);
    expect(run.decisions.filter((d) => d.state === "sent")).toHaveLength(1);
    expect(run.decisions.at(-1)).toEqual({ state: "sent" });
    expect(run.decisions[0]).toMatchObject({ state: "retry", error: "HTTP 500: rollup_error" });
    // 10 s + 30 s + 2 min of backoff before the fourth attempt
    expect(run.finishedAt.getTime() - start.getTime()).toBe(160_000);
  });

  it("posts JSON {text, blocks} with & < > escaped in mrkdwn", async () => {
    server = await startHttpServer((_req, res) => res.writeHead(200).end("ok"));
    const notifier = createSlackNotifier({ webhooks: {}, fallbackUrl: `${server.url}/hook` });
    expect(await notifier.send(delivery())).toEqual({ ok: true });
    const req = server.requests[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/hook");
    expect(req.headers["content-type"]).toContain("application/json");
    const body = JSON.parse(req.body) as { text: string; blocks: Array<{ type: string; text?: { type: string; text: string } }> };
    expect(body.text).toBe("[P0 에스컬레이션] #42 주문 &lt;API&gt; &amp; 결제 — 팀 리더 알림: 15분 경과 <@U0LEAD001>");
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "context"]);
    // plain_text is not mrkdwn, so the header keeps the raw characters
    expect(body.blocks[0].text).toEqual({ type: "plain_text", text: "[P0 에스컬레이션] #42 주문 <API> & 결제" });
    expect(body.blocks[1].text?.text).toContain("<https://ic.example/incidents/42?tab=a&amp;b=1|Open incident / 장애 보기>");
    expect(escapeMrkdwn("<!channel> a&b")).toBe("&lt;!channel&gt; a&amp;b");
  });

  it("honours 429 Retry-After", async () => {
    server = await startHttpServer((_req, res, i) => {
      if (i === 0) res.writeHead(429, { "retry-after": "7" }).end("rate_limited");
      else res.writeHead(200).end("ok");
    });
    const notifier = createSlackNotifier({ webhooks: { "#emergency": `${server.url}/a` } });
    const first = await notifier.send(delivery());
    expect(first).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
    const t = new Date("2026-11-25T03:00:00Z");
    const decision = afterAttempt(first, 1, t);
    expect(decision).toMatchObject({ state: "retry", nextAttemptAt: new Date(t.getTime() + 7000) });
    expect(await notifier.send(delivery())).toEqual({ ok: true });
  });

  it("treats 404 channel_not_found as permanent after one attempt", async () => {
    server = await startHttpServer((_req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("channel_not_found"));
    const notifier = createSlackNotifier({ webhooks: { "#emergency": `${server.url}/a` } });
    const run = await deliverWithRetries(notifier, new Date("2026-11-25T03:00:00Z"));
    expect(run.attempts).toBe(1);
    expect(run.decisions).toEqual([{ state: "failed", error: "HTTP 404: channel_not_found" }]);
  });

  it("gives up after six 500s", async () => {
    server = await startHttpServer((_req, res) => res.writeHead(503).end("rollup_error"));
    const notifier = createSlackNotifier({ webhooks: { "#emergency": `${server.url}/a` } });
    const run = await deliverWithRetries(notifier, new Date("2026-11-25T03:00:00Z"));
    expect(run.attempts).toBe(6);
    expect(run.decisions.at(-1)?.state).toBe("failed");
  });

  it("routes each Slack channel to its own webhook and refuses a channel without one", async () => {
    server = await startHttpServer((_req, res) => res.writeHead(200).end("ok"));
    const notifier = createSlackNotifier({ webhooks: { "#emergency": `${server.url}/e`, "#alerts": `${server.url}/a` } });
    await notifier.send(delivery({ to: "#alerts" }));
    await notifier.send(delivery({ to: "#emergency" }));
    expect(server.requests.map((r) => r.url)).toEqual(["/a", "/e"]);
    expect(await notifier.send(delivery({ to: "#monitoring" }))).toMatchObject({ ok: false, retryable: false });
    expect(await notifier.send(delivery({ channel: "email", to: "a@b.c" }))).toMatchObject({ ok: false, retryable: false });
  });

  it("never throws: a refused connection and a hung server are retryable failures", async () => {
    const port = await freeClosedPort();
    const refused = await createSlackNotifier({ webhooks: { "#emergency": `http://127.0.0.1:${port}/x` } }).send(delivery());
    expect(refused).toMatchObject({ ok: false, retryable: true });
    if (!refused.ok) expect(refused.error).toMatch(/network error/);

    server = await startHttpServer(() => {
      /* never answers */
    });
    const hung = await createSlackNotifier({ webhooks: { "#emergency": `${server.url}/x` }, timeoutMs: 200 }).send(delivery());
    expect(hung).toMatchObject({ ok: false, retryable: true });
  });
});
