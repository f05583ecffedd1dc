import "server-only";
// Read-only Redis probes (ioredis): PING, INFO memory, INFO clients and the lock scan (SCAN, never KEYS).
import Redis from "ioredis";
import {
  analyseLocks,
  clientsInfo,
  clientsVerdict,
  lockVerdict,
  memoryInfo,
  memoryVerdict,
  parseRedisInfo,
  pingVerdict,
  type ScannedKey,
} from "./redis-analysis";
import { defineProbe, probeFamily } from "./runner";
import type { ProbeContext, RedisTarget } from "./types";

const TIMEOUT_MS = 3_000;
const redisProbe = probeFamily("redis", TIMEOUT_MS);
const SCAN_COUNT = 1_000;
const PIPELINE_CHUNK = 1_000;

/** Opens one connection for one probe run; it is disconnected when the run ends (or times out). */
async function connect(target: RedisTarget, ctx: ProbeContext): Promise<Redis> {
  let lastError: unknown;
  const client = new Redis(target.url, {
    lazyConnect: true,
    connectTimeout: ctx.timeoutMs,
    commandTimeout: ctx.timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableReadyCheck: false,
    enableOfflineQueue: false,
    connectionName: "incident-command-diagnostics",
    disableClientInfo: true,
    disconnectTimeout: 200,
  });
  client.on("error", (error: unknown) => {
    lastError = error;
  });
  // disconnect() only half-closes (FIN) and waits disconnectTimeout; after a timeout destroy the socket at once.
  const close = (aborted: boolean) => {
    client.disconnect();
    if (aborted) client.stream?.destroy();
  };
  ctx.defer(close);
  ctx.signal.addEventListener("abort", () => close(true), { once: true });
  try {
    await client.connect();
  } catch (error) {
    // ioredis rejects with "Connection is closed."; the 'error' event carries the cause (ECONNREFUSED...).
    throw lastError ?? error;
  }
  return client;
}

export const redisPing = defineProbe({
  ...redisProbe("redis.ping", { ko: "Redis 연결 상태 (PING)", en: "Redis connection (PING)" }),
  async check(target, _params: undefined, ctx) {
    const t0 = performance.now();
    const client = await connect(target, ctx);
    const connectMs = performance.now() - t0;
    const rtts: number[] = [];
    let reply = "";
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      reply = await client.ping();
      rtts.push(performance.now() - start);
    }
    const sorted = [...rtts].sort((a, b) => a - b);
    const median = sorted[1];
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      verdict: reply === "PONG" ? pingVerdict(median) : "critical",
      summary: `${reply} in ${round(median)} ms (median of 3; connect ${round(connectMs)} ms)`,
      data: { reply, rttMs: rtts.map(round), medianMs: round(median), connectMs: round(connectMs) },
    };
  },
});

export const redisMemory = defineProbe({
  ...redisProbe("redis.memory", { ko: "Redis 메모리 사용량 (INFO memory)", en: "Redis memory (INFO memory)" }),
  async check(target, _params: undefined, ctx) {
    const client = await connect(target, ctx);
    const fields = parseRedisInfo(await client.info("memory"));
    const info = memoryInfo(fields);
    return { ...memoryVerdict(info), data: { ...info, usedHuman: fields.used_memory_human, maxHuman: fields.maxmemory_human } };
  },
});

export const redisClients = defineProbe({
  ...redisProbe("redis.clients", { ko: "Redis 클라이언트 (INFO clients)", en: "Redis clients (INFO clients)" }),
  async check(target, _params: undefined, ctx) {
    const client = await connect(target, ctx);
    const [clients, stats] = await Promise.all([client.info("clients"), client.info("stats")]);
    const fields = { ...parseRedisInfo(stats), ...parseRedisInfo(clients) };
    const info = clientsInfo(fields);
    return {
      ...clientsVerdict(info),
      data: { ...info, pubsubChannels: Number(fields.pubsub_channels ?? 0), evictedKeys: Number(fields.evicted_keys ?? 0) },
    };
  },
});

export interface LockScanParams {
  /** SCAN MATCH patterns; default the target's (MY_LOCK:*, lock:*) */
  patterns?: string[];
  /** stop after this many matching keys */
  maxKeys?: number;
  /** SCAN COUNT hint (500–2000 is a good range) */
  scanCount?: number;
}

/** SCAN until the cursor is back to "0" (pages can be empty before that) or maxKeys keys were found. */
async function scanKeys(client: Redis, patterns: string[], maxKeys: number, count: number, signal: AbortSignal) {
  const found = new Set<string>();
  let truncated = false;
  for (const pattern of patterns) {
    let cursor = "0";
    do {
      if (signal.aborted) throw signal.reason;
      const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", count);
      cursor = next;
      for (const key of keys) {
        if (found.size >= maxKeys && !found.has(key)) {
          truncated = true;
          break;
        }
        found.add(key);
      }
    } while (cursor !== "0" && !truncated);
    if (truncated) break;
  }
  return { keys: [...found], truncated };
}

async function typesAndTtls(client: Redis, keys: string[]): Promise<ScannedKey[]> {
  const out: ScannedKey[] = [];
  for (let i = 0; i < keys.length; i += PIPELINE_CHUNK) {
    const chunk = keys.slice(i, i + PIPELINE_CHUNK);
    const pipeline = client.pipeline();
    for (const key of chunk) pipeline.type(key).pttl(key);
    const replies = (await pipeline.exec()) ?? [];
    chunk.forEach((key, j) => {
      const [typeErr, type] = replies[2 * j] ?? [null, "none"];
      const [ttlErr, pttl] = replies[2 * j + 1] ?? [null, -2];
      out.push({
        key,
        type: typeErr ? "error" : String(type),
        pttlMs: ttlErr ? -2 : Number(pttl),
      });
    });
  }
  return out;
}

export const redisLocks = defineProbe({
  ...redisProbe("redis.locks", { ko: "Redis 활성 락 (SCAN + PTTL)", en: "Active Redis locks (SCAN + PTTL)" }, 5_000),
  async check(target, params: LockScanParams | undefined, ctx) {
    const patterns = params?.patterns?.length ? params.patterns : target.lockPatterns;
    const maxKeys = params?.maxKeys ?? target.maxScanKeys;
    const client = await connect(target, ctx);
    const scan = await scanKeys(client, patterns, maxKeys, params?.scanCount ?? SCAN_COUNT, ctx.signal);
    const scanned = await typesAndTtls(client, scan.keys);
    const report = analyseLocks(scanned, patterns, scan.truncated, maxKeys);
    // Redisson holders (hash field "<clientUUID>:<threadId>" → re-entrancy count) of the longest-held locks.
    const hashes = report.longest.filter((k) => k.type === "hash");
    const holders: Record<string, Record<string, string>> = {};
    if (hashes.length > 0) {
      const pipeline = client.pipeline();
      for (const k of hashes) pipeline.hgetall(k.key);
      const replies = (await pipeline.exec()) ?? [];
      hashes.forEach((k, i) => {
        const [err, value] = replies[i] ?? [null, null];
        if (!err && value && typeof value === "object") holders[k.key] = value as Record<string, string>;
      });
    }
    return { ...lockVerdict(report), data: { ...report, holders } };
  },
});
