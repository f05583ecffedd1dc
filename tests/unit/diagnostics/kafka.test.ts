// Kafka cannot run here: the probe is tested at the client boundary with kafkajs-shaped answers
// (types and shapes from kafkajs 2.2.4 admin: fetchTopicOffsets, fetchOffsets, describeGroups).
import { describe, expect, it } from "vitest";
import { computeLag } from "@/lib/diagnostics/kafka-lag";
import { createKafkaLagProbe, type KafkaAdminLike } from "@/lib/diagnostics/kafka";
import { targetsFromEnv } from "@/lib/diagnostics/targets";

const target = targetsFromEnv({ KAFKA_BROKERS: "10.0.0.9:9092" }).kafka[0];

// Recorded shapes: offsets are int64 strings; committed "-1" = no commit on that partition.
const TOPIC_OFFSETS = [
  { partition: 1, offset: "98210", high: "98210", low: "0" },
  { partition: 0, offset: "101544", high: "101544", low: "0" },
  { partition: 2, offset: "1200", high: "1200", low: "200" },
];
const COMMITTED = [
  {
    topic: "coupon-issue",
    partitions: [
      { partition: 0, offset: "101444", metadata: "" },
      { partition: 1, offset: "98210", metadata: "" },
      { partition: 2, offset: "-1", metadata: null },
    ],
  },
];
const STABLE = {
  groups: [
    {
      groupId: "hhplus-consumer-group",
      state: "Stable",
      protocol: "RoundRobinAssigner",
      protocolType: "consumer",
      members: [
        {
          memberId: "coupon-consumer-1-7f0c",
          clientId: "coupon-consumer-1",
          clientHost: "/10.1.2.3",
          memberAssignment: Buffer.alloc(0),
          memberMetadata: Buffer.alloc(0),
        },
        {
          memberId: "coupon-consumer-2-91ab",
          clientId: "coupon-consumer-2",
          clientHost: "/10.1.2.4",
          memberAssignment: Buffer.alloc(0),
          memberMetadata: Buffer.alloc(0),
        },
      ],
    },
  ],
};

function recordedAdmin(over: Partial<KafkaAdminLike> = {}) {
  const calls: string[] = [];
  const admin: KafkaAdminLike = {
    connect: async () => void calls.push("connect"),
    disconnect: async () => void calls.push("disconnect"),
    fetchTopicOffsets: async (topic) => {
      calls.push(`fetchTopicOffsets ${topic}`);
      return TOPIC_OFFSETS;
    },
    fetchOffsets: async (options) => {
      calls.push(`fetchOffsets ${JSON.stringify(options)}`);
      return COMMITTED;
    },
    describeGroups: async (ids) => {
      calls.push(`describeGroups ${ids.join(",")}`);
      return STABLE;
    },
    ...over,
  };
  return { admin, calls };
}

describe("consumer lag arithmetic", () => {
  it("is high watermark − committed per partition; without a commit, high − low", () => {
    const r = computeLag(TOPIC_OFFSETS, COMMITTED[0].partitions);
    expect(r.partitions.map((p) => [p.partition, p.lag, p.committed])).toEqual([
      [0, 100, "101444"],
      [1, 0, "98210"],
      [2, 1000, null],
    ]);
    expect(r.total).toBe(1100);
    expect(r.uncommitted).toEqual([2]);
  });

  it("uses BigInt: offsets beyond 2^53 still give the exact lag", () => {
    const r = computeLag([{ partition: 0, high: "9007199254740995", low: "0" }], [{ partition: 0, offset: "9007199254740990" }]);
    expect(r.total).toBe(5);
  });

  it("treats a partition missing from the commits like an uncommitted one", () => {
    expect(computeLag([{ partition: 0, high: "50", low: "10" }], []).total).toBe(40);
  });
});

describe("kafka.consumerLag probe (recorded admin answers)", () => {
  it("reports total and per-partition lag, the group state, and disconnects", async () => {
    const { admin, calls } = recordedAdmin();
    const probe = createKafkaLagProbe(() => admin);
    const r = await probe.run(target);
    expect(r.verdict).toBe("warning"); // 1100 ≥ 1000
    expect(r.summary).toBe(
      "total lag 1100 over 3 partitions; worst partition 2: 1000; no committed offset on partition 2; group Stable with 2 members",
    );
    expect(r.data).toMatchObject({
      groupId: "hhplus-consumer-group",
      topic: "coupon-issue",
      total: 1100,
      group: { state: "Stable", members: 2 },
    });
    // Read-only: never resolveOffsets (that would write the group's offsets).
    expect(calls).toContain('fetchOffsets {"groupId":"hhplus-consumer-group","topics":["coupon-issue"]}');
    expect(calls[0]).toBe("connect");
    expect(calls.at(-1)).toBe("disconnect");
  });

  it("is critical when nobody consumes a lagging topic, ok when caught up", async () => {
    const empty = recordedAdmin({
      describeGroups: async () => ({ groups: [{ groupId: "hhplus-consumer-group", state: "Empty", members: [] }] }),
    });
    const r = await createKafkaLagProbe(() => empty.admin).run(target);
    expect(r.verdict).toBe("critical");
    expect(r.summary).toContain("group Empty with 0 members; nobody is consuming");

    const caughtUp = recordedAdmin({
      fetchOffsets: async () => [
        { topic: "coupon-issue", partitions: TOPIC_OFFSETS.map((t) => ({ partition: t.partition, offset: t.high, metadata: null })) },
      ],
    });
    const ok = await createKafkaLagProbe(() => caughtUp.admin).run(target);
    expect(ok.verdict).toBe("ok");
    expect(ok.summary).toBe("total lag 0 over 3 partitions; group Stable with 2 members");
  });

  it("turns a broker error into an error result and still disconnects", async () => {
    const down = recordedAdmin({
      connect: async () => {
        throw Object.assign(new Error("Connection error: connect ECONNREFUSED 10.0.0.9:9092"), { name: "KafkaJSConnectionError" });
      },
    });
    const r = await createKafkaLagProbe(() => down.admin).run(target);
    expect(r.verdict).toBe("error");
    expect(r.summary).toBe("Kafka at 10.0.0.9:9092: Connection error: connect ECONNREFUSED 10.0.0.9:9092");
    expect(down.calls).toEqual(["disconnect"]);
  });

  it("times out on a broker that never answers, and disconnects", async () => {
    const stuck = recordedAdmin({ fetchTopicOffsets: () => new Promise(() => undefined) });
    const t0 = performance.now();
    const r = await createKafkaLagProbe(() => stuck.admin).run(target, { timeoutMs: 100 });
    expect(performance.now() - t0).toBeLessThan(500);
    expect(r.summary).toBe("Kafka at 10.0.0.9:9092 timed out after 100 ms");
    expect(stuck.calls.at(-1)).toBe("disconnect");
  });
});
