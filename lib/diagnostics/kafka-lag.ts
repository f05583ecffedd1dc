// Pure consumer-lag arithmetic on kafkajs admin answers. Offsets are int64 strings: BigInt, never Number.
import type { ProbeOutcome, Verdict } from "./types";

export interface TopicOffset {
  partition: number;
  /** the end offset (kafkajs: offset === high) */
  high: string;
  low: string;
}

export interface CommittedOffset {
  partition: number;
  /** "-1" when the group has not committed on this partition */
  offset: string;
}

export interface PartitionLag {
  partition: number;
  high: string;
  low: string;
  /** null when the group has no commit on this partition */
  committed: string | null;
  /** high − committed; without a commit high − low (what a consumer starting from the earliest offset faces) */
  lag: number;
}

export interface LagReport {
  partitions: PartitionLag[];
  total: number;
  uncommitted: number[];
}

export function computeLag(topicOffsets: readonly TopicOffset[], committed: readonly CommittedOffset[]): LagReport {
  const byPartition = new Map(committed.map((c) => [c.partition, c.offset]));
  const partitions = [...topicOffsets]
    .sort((a, b) => a.partition - b.partition)
    .map((t): PartitionLag => {
      const high = BigInt(t.high);
      const low = BigInt(t.low);
      const raw = byPartition.get(t.partition);
      const hasCommit = raw !== undefined && BigInt(raw) >= 0n;
      let lag = hasCommit ? high - BigInt(raw) : high - low;
      if (lag < 0n) lag = 0n; // a commit past the end (log truncated) is no lag
      return { partition: t.partition, high: t.high, low: t.low, committed: hasCommit ? raw : null, lag: Number(lag) };
    });
  return {
    partitions,
    total: partitions.reduce((sum, p) => sum + p.lag, 0),
    uncommitted: partitions.filter((p) => p.committed === null).map((p) => p.partition),
  };
}

export interface GroupState {
  state: string;
  members: number;
}

export function lagVerdict(
  r: LagReport,
  thresholds: { warning: number; critical: number },
  group: GroupState | null,
): Omit<ProbeOutcome, "data"> {
  let verdict: Verdict = r.total >= thresholds.critical ? "critical" : r.total >= thresholds.warning ? "warning" : "ok";
  const worst = r.partitions.reduce<PartitionLag | null>((a, b) => (!a || b.lag > a.lag ? b : a), null);
  const parts = [`total lag ${r.total} over ${r.partitions.length} partition${r.partitions.length === 1 ? "" : "s"}`];
  if (worst && worst.lag > 0) parts.push(`worst partition ${worst.partition}: ${worst.lag}`);
  if (r.uncommitted.length > 0)
    parts.push(`no committed offset on partition${r.uncommitted.length === 1 ? "" : "s"} ${r.uncommitted.join(", ")}`);
  if (group) {
    parts.push(`group ${group.state} with ${group.members} member${group.members === 1 ? "" : "s"}`);
    if (r.total > 0 && (group.members === 0 || group.state === "Empty" || group.state === "Dead")) {
      verdict = "critical";
      parts.push("nobody is consuming");
    } else if (group.state === "PreparingRebalance" || group.state === "CompletingRebalance") {
      if (verdict === "ok") verdict = "warning";
    }
  }
  return { verdict, summary: parts.join("; ") };
}
