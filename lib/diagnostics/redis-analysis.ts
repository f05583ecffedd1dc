// Pure parsing and verdicts for the Redis probes (INFO text, lock scan results).
import type { ProbeOutcome, Verdict } from "./types";

export const MEMORY_WARNING_RATIO = 0.8;
export const MEMORY_CRITICAL_RATIO = 0.9;
/** mem_fragmentation_ratio means nothing on a small instance (13.7 on an empty one); judge it above this. */
export const FRAGMENTATION_MIN_USED_BYTES = 100 * 1024 * 1024;
export const PING_WARNING_MS = 100;
export const PING_CRITICAL_MS = 1_000;

/** INFO's "name:value" lines (CRLF, "# Section" headers) as a flat map of strings. */
export function parseRedisInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

function num(fields: Record<string, string>, key: string): number | null {
  const raw = fields[key];
  if (raw === undefined || raw === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** A field the INFO section always has: its absence means the answer is not Redis INFO. */
function requiredNum(fields: Record<string, string>, section: string, key: string): number {
  const n = num(fields, key);
  if (n === null) throw new Error(`INFO ${section} has no ${key} field`);
  return n;
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export interface MemoryInfo {
  usedBytes: number;
  peakBytes: number | null;
  rssBytes: number | null;
  /** 0 = no limit */
  maxBytes: number;
  fragmentationRatio: number | null;
  policy: string | null;
}

export function memoryInfo(fields: Record<string, string>): MemoryInfo {
  return {
    usedBytes: requiredNum(fields, "memory", "used_memory"),
    peakBytes: num(fields, "used_memory_peak"),
    rssBytes: num(fields, "used_memory_rss"),
    maxBytes: num(fields, "maxmemory") ?? 0,
    fragmentationRatio: num(fields, "mem_fragmentation_ratio"),
    policy: fields.maxmemory_policy ?? null,
  };
}

export function memoryVerdict(m: MemoryInfo): Omit<ProbeOutcome, "data"> {
  const parts = [`used ${formatBytes(m.usedBytes)}`];
  if (m.peakBytes !== null) parts.push(`peak ${formatBytes(m.peakBytes)}`);
  let verdict: Verdict = "ok";
  if (m.maxBytes === 0) {
    parts.push("no maxmemory limit (maxmemory 0 = unlimited, the host's memory is the limit)");
  } else {
    const ratio = m.usedBytes / m.maxBytes;
    parts.push(`${(ratio * 100).toFixed(1)} % of maxmemory ${formatBytes(m.maxBytes)}`);
    if (ratio >= MEMORY_CRITICAL_RATIO) verdict = "critical";
    else if (ratio >= MEMORY_WARNING_RATIO) verdict = "warning";
    if (m.policy && m.policy !== "noeviction") parts.push(`policy ${m.policy} may evict lock keys`);
  }
  if (m.fragmentationRatio !== null && m.usedBytes >= FRAGMENTATION_MIN_USED_BYTES) {
    parts.push(`fragmentation ${m.fragmentationRatio}`);
    if (m.fragmentationRatio >= 1.5 && verdict === "ok") verdict = "warning";
  }
  return { verdict, summary: parts.join(", ") };
}

export interface ClientsInfo {
  connected: number;
  blocked: number;
  maxclients: number | null;
  rejectedConnections: number | null;
}

export function clientsInfo(fields: Record<string, string>): ClientsInfo {
  return {
    connected: requiredNum(fields, "clients", "connected_clients"),
    blocked: num(fields, "blocked_clients") ?? 0,
    maxclients: num(fields, "maxclients"),
    rejectedConnections: num(fields, "rejected_connections"),
  };
}

export function clientsVerdict(c: ClientsInfo): Omit<ProbeOutcome, "data"> {
  let verdict: Verdict = "ok";
  const parts = [`${c.connected} connected${c.maxclients ? ` of max ${c.maxclients}` : ""}`, `${c.blocked} blocked`];
  if (c.blocked > 0) verdict = "warning";
  if (c.maxclients) {
    const ratio = c.connected / c.maxclients;
    if (ratio >= 0.95) verdict = "critical";
    else if (ratio >= 0.8 && verdict === "ok") verdict = "warning";
  }
  if (c.rejectedConnections) parts.push(`${c.rejectedConnections} connections rejected since start`);
  return { verdict, summary: parts.join(", ") };
}

export function pingVerdict(rttMs: number): Verdict {
  if (rttMs >= PING_CRITICAL_MS) return "critical";
  if (rttMs >= PING_WARNING_MS) return "warning";
  return "ok";
}

export interface ScannedKey {
  key: string;
  type: string;
  /** PTTL: ms left, -1 no TTL, -2 gone (released between SCAN and PTTL) */
  pttlMs: number;
}

export interface LockReport {
  patterns: string[];
  /** keys found that still exist */
  count: number;
  byType: Record<string, number>;
  /** keys without a TTL: a lock that never expires blocks forever once its owner dies */
  withoutTtl: string[];
  /** the longest remaining TTLs, longest first (at most 10) */
  longest: ScannedKey[];
  /** keys that disappeared between SCAN and PTTL (released: normal) */
  released: number;
  truncated: boolean;
  maxKeys: number;
}

export function analyseLocks(keys: readonly ScannedKey[], patterns: string[], truncated: boolean, maxKeys: number, top = 10): LockReport {
  const live = keys.filter((k) => k.pttlMs !== -2 && k.type !== "none");
  const byType: Record<string, number> = {};
  for (const k of live) byType[k.type] = (byType[k.type] ?? 0) + 1;
  return {
    patterns,
    count: live.length,
    byType,
    withoutTtl: live.filter((k) => k.pttlMs === -1).map((k) => k.key),
    longest: live
      .filter((k) => k.pttlMs > 0)
      .sort((a, b) => b.pttlMs - a.pttlMs || a.key.localeCompare(b.key))
      .slice(0, top),
    released: keys.length - live.length,
    truncated,
    maxKeys,
  };
}

export function lockVerdict(r: LockReport): Omit<ProbeOutcome, "data"> {
  const parts = [`${r.count}${r.truncated ? "+" : ""} key${r.count === 1 ? "" : "s"} matching ${r.patterns.join(", ")}`];
  if (r.longest.length > 0) parts.push(`longest TTL ${(r.longest[0].pttlMs / 1000).toFixed(1)} s (${r.longest[0].key})`);
  if (r.withoutTtl.length > 0) parts.push(`${r.withoutTtl.length} without TTL (never expire)`);
  if (r.truncated) parts.push(`scan stopped at ${r.maxKeys} keys (truncated)`);
  return { verdict: r.withoutTtl.length > 0 ? "warning" : "ok", summary: parts.join("; ") };
}
