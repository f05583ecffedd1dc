// Against the real Redis (REDIS_URL, default redis://127.0.0.1:6379), in db 9 with a per-run prefix.
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisClients, redisLocks, redisMemory, redisPing } from "@/lib/diagnostics/redis";
import { targetsFromEnv } from "@/lib/diagnostics/targets";
import type { LockReport } from "@/lib/diagnostics/redis-analysis";
import { REDIS_URL, RUN_ID, closedPort, delay, eventually, redisDb, runAgainstSilentServer } from "./helpers";

const url = redisDb(REDIS_URL, 9);
const target = targetsFromEnv({ REDIS_URL: url }).redis[0];
const prefix = `ic-test:${RUN_ID}:`;
let admin: Redis;

async function deletePrefix() {
  const keys: string[] = [];
  for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>) keys.push(...batch);
  for (let i = 0; i < keys.length; i += 1000) await admin.unlink(...keys.slice(i, i + 1000));
}

beforeAll(async () => {
  admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
});
afterAll(async () => {
  await deletePrefix();
  admin.disconnect();
});

describe("redis.ping", () => {
  it("answers PONG with a round-trip time", async () => {
    const r = await redisPing.run(target);
    expect(r.verdict).toBe("ok");
    expect(r.summary).toMatch(/^PONG in [\d.]+ ms \(median of 3; connect [\d.]+ ms\)$/);
    expect(r.data).toMatchObject({ reply: "PONG" });
  });

  it("gives 'timed out after N ms' within the bound for a server that accepts and never answers, and closes the socket", async () => {
    await runAgainstSilentServer(
      redisPing,
      (port) => targetsFromEnv({ REDIS_URL: `redis://127.0.0.1:${port}` }).redis[0],
      async ({ result: r, tookMs, silent }) => {
        expect(r.verdict).toBe("error");
        expect(r.summary).toBe(`Redis at 127.0.0.1:${silent.port} timed out after 300 ms`);
        expect(tookMs).toBeLessThan(1_000);
        await eventually(async () => (await silent.connections()) === 0);
      },
    );
  });

  it("says the port refused the connection, quickly", async () => {
    const port = await closedPort();
    const t = targetsFromEnv({ REDIS_URL: `redis://127.0.0.1:${port}` }).redis[0];
    const t0 = performance.now();
    const r = await redisPing.run(t);
    expect(r.verdict).toBe("error");
    expect(r.summary).toBe(`Redis at 127.0.0.1:${port} refused the connection`);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

describe("redis.locks", () => {
  const patterns = [`${prefix}MY_LOCK:*`, `${prefix}lock:*`];

  beforeAll(async () => {
    // Redisson layout: a hash per lock, field "<clientUUID>:<threadId>" → re-entrancy count, PTTL = lease.
    await admin
      .multi()
      .hset(`${prefix}MY_LOCK:order:1001`, "6f1c2a4e-1b7d-4c55-9d0e-3a2f8e9b1c01:57", "2")
      .pexpire(`${prefix}MY_LOCK:order:1001`, 30_000)
      .hset(`${prefix}MY_LOCK:stock:SKU-42`, "0b9e7d3c-55aa-4f1e-8c2d-7e6f5a4b3c02:88", "1")
      .pexpire(`${prefix}MY_LOCK:stock:SKU-42`, 10_000)
      .hset(`${prefix}lock:coupon:7`, "0b9e7d3c-55aa-4f1e-8c2d-7e6f5a4b3c02:91", "1")
      .pexpire(`${prefix}lock:coupon:7`, 20_000)
      .hset(`${prefix}MY_LOCK:stale`, "dead-client:12", "1") // owner died and no TTL: never released
      .set(`${prefix}MY_LOCK:note`, "not a lock", "PX", 5_000)
      .set(`${prefix}OTHER:1`, "x")
      .exec();
  });

  it("finds the locks with SCAN, with counts, the longest TTLs first, the holders and the key without TTL", async () => {
    const r = await redisLocks.run(target, { params: { patterns } });
    const data = r.data as LockReport & { holders: Record<string, Record<string, string>> };
    expect(r.verdict).toBe("warning");
    expect(data.count).toBe(5);
    expect(data.byType).toEqual({ hash: 4, string: 1 });
    expect(data.withoutTtl).toEqual([`${prefix}MY_LOCK:stale`]);
    expect(data.longest.map((k) => k.key)).toEqual([
      `${prefix}MY_LOCK:order:1001`,
      `${prefix}lock:coupon:7`,
      `${prefix}MY_LOCK:stock:SKU-42`,
      `${prefix}MY_LOCK:note`,
    ]);
    expect(data.longest[0].pttlMs).toBeGreaterThan(25_000);
    expect(data.longest[0].pttlMs).toBeLessThanOrEqual(30_000);
    expect(data.holders[`${prefix}MY_LOCK:order:1001`]).toEqual({ "6f1c2a4e-1b7d-4c55-9d0e-3a2f8e9b1c01:57": "2" });
    expect(data.truncated).toBe(false);
    expect(r.summary).toMatch(
      new RegExp(`^5 keys matching .*; longest TTL (29|30)\\.\\d s \\(${prefix}MY_LOCK:order:1001\\); 1 without TTL \\(never expire\\)$`),
    );
  });

  it("is ok once every lock has a TTL, and counts a key that expired as gone", async () => {
    await admin.del(`${prefix}MY_LOCK:stale`);
    await admin.pexpire(`${prefix}MY_LOCK:note`, 1);
    await delay(20);
    const r = await redisLocks.run(target, { params: { patterns } });
    expect(r.verdict).toBe("ok");
    expect((r.data as LockReport).count).toBe(3);
  });

  it("walks every SCAN page (empty pages included) and stops at maxKeys saying it was truncated", async () => {
    const pipeline = admin.pipeline();
    for (let i = 0; i < 3_000; i++) pipeline.set(`${prefix}bulk:MY_LOCK:${i}`, "1", "PX", 60_000);
    for (let i = 0; i < 2_000; i++) pipeline.set(`${prefix}bulk:noise:${i}`, "1", "PX", 60_000);
    await pipeline.exec();
    const all = await redisLocks.run(target, { params: { patterns: [`${prefix}bulk:MY_LOCK:*`] } });
    expect((all.data as LockReport).count).toBe(3_000);
    expect((all.data as LockReport).longest).toHaveLength(10);
    const capped = await redisLocks.run(target, { params: { patterns: [`${prefix}bulk:MY_LOCK:*`], maxKeys: 500 } });
    expect((capped.data as LockReport).count).toBe(500);
    expect((capped.data as LockReport).truncated).toBe(true);
    expect(capped.summary).toContain("scan stopped at 500 keys (truncated)");
  });
});

describe("redis.memory", () => {
  it("follows CONFIG SET maxmemory: ok when unlimited, warning at 85 %, critical at 95 %; restores the setting", async () => {
    const original = (await admin.config("GET", "maxmemory")) as string[];
    const policy = (await admin.config("GET", "maxmemory-policy")) as string[];
    // With noeviction a tight maxmemory refuses writes but never evicts: safe for a short test.
    expect(policy[1]).toBe("noeviction");
    await admin.set(`${prefix}ballast`, "x".repeat(4 * 1024 * 1024)); // make used_memory large next to the noise
    const used = async () => Number(/used_memory:(\d+)/.exec(await admin.info("memory"))?.[1]);
    try {
      await admin.config("SET", "maxmemory", "0");
      const unlimited = await redisMemory.run(target);
      expect(unlimited.verdict).toBe("ok");
      expect(unlimited.summary).toContain("no maxmemory limit");

      await admin.config("SET", "maxmemory", String(Math.ceil((await used()) / 0.85)));
      const warning = await redisMemory.run(target);
      expect(warning.verdict).toBe("warning");
      expect(warning.summary).toMatch(/8\d\.\d % of maxmemory/);

      await admin.config("SET", "maxmemory", String(Math.ceil((await used()) / 0.95)));
      const critical = await redisMemory.run(target);
      expect(critical.verdict).toBe("critical");
      expect(critical.data).toMatchObject({ policy: "noeviction" });
    } finally {
      await admin.config("SET", "maxmemory", original[1]);
      await admin.del(`${prefix}ballast`);
    }
    expect(((await admin.config("GET", "maxmemory")) as string[])[1]).toBe(original[1]);
  });
});

describe("redis.clients", () => {
  it("counts connected clients and flags a blocked one", async () => {
    const calm = await redisClients.run(target);
    expect(calm.data).toMatchObject({ blocked: expect.any(Number) });
    expect((calm.data as { connected: number }).connected).toBeGreaterThanOrEqual(2); // this test's admin + the probe

    const blocker = new Redis(url, { lazyConnect: true });
    await blocker.connect();
    const list = `${prefix}queue`;
    const pending = blocker.blpop(list, 10);
    try {
      await eventually(async () => /blocked_clients:[1-9]/.test(await admin.info("clients")));
      const r = await redisClients.run(target);
      expect(r.verdict).toBe("warning");
      expect(r.summary).toMatch(/[1-9]\d* blocked/);
    } finally {
      await admin.lpush(list, "wake");
      await pending;
      blocker.disconnect();
    }
  });
});
