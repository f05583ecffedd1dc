import { describe, it } from "vitest";
import pg from "pg";
import { CHANGE_CHANNEL, publish, subscribe, type ChangeMessage } from "@/lib/server/change-bus";

const url = process.env.DATABASE_URL ?? "";
const isPg = /^postgres/.test(url);

function waitFor(predicate: () => boolean, timeoutMs = 2_000) {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = () => (predicate() ? resolve() : Date.now() - started > timeoutMs ? reject(new Error("timed out")) : setTimeout(tick, 20));
    tick();
  });
}

describe("change bus", () => {
  it("delivers a published topic to subscribers", async () => {
    const seen: ChangeMessage[] = [];
    const unsubscribe = await subscribe((m) => seen.push(m));
    await publish("incident:7");
    await waitFor(() => seen.some((m) => m.topic === "incident:7"));
    unsubscribe();
  });

  it.runIf(isPg)("crosses app instances through PostgreSQL NOTIFY, both ways", async () => {
    // Another instance = another connection: it hears our publish, and we hear its NOTIFY.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    const heardByOther: string[] = [];
    other.on("notification", (n) => heardByOther.push(n.payload ?? ""));
    await other.query(`LISTEN ${CHANGE_CHANNEL}`);

    const seen: ChangeMessage[] = [];
    const unsubscribe = await subscribe((m) => seen.push(m));
    await publish("incident:11");
    await waitFor(() => heardByOther.some((p) => p.includes("incident:11")));
    await other.query("SELECT pg_notify($1, $2)", [CHANGE_CHANNEL, JSON.stringify({ topic: "incident:12", at: new Date().toISOString() })]);
    await waitFor(() => seen.some((m) => m.topic === "incident:12"));
    unsubscribe();
    await other.end();
  });
});
