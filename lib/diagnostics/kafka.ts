import "server-only";
// Consumer-group lag through the kafkajs admin client (read-only: fetchTopicOffsets, fetchOffsets,
// describeGroups; never resolveOffsets, which writes offsets). The admin is injectable for tests.
import { Kafka, logLevel, type KafkaConfig } from "kafkajs";
import { computeLag, lagVerdict, type GroupState } from "./kafka-lag";
import { defineProbe, probeFamily } from "./runner";
import type { KafkaTarget } from "./types";

/** The part of kafkajs' Admin the probe uses. */
export interface KafkaAdminLike {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  fetchTopicOffsets(topic: string): Promise<Array<{ partition: number; offset: string; high: string; low: string }>>;
  fetchOffsets(options: {
    groupId: string;
    topics: string[];
  }): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string; metadata: string | null }> }>>;
  describeGroups(groupIds: string[]): Promise<{ groups: Array<{ groupId: string; state: string; members: ReadonlyArray<unknown> }> }>;
}

export type KafkaAdminFactory = (target: KafkaTarget, timeoutMs: number) => KafkaAdminLike;

/** The kafkajs client settings for a target: bounded by the probe's timeout, no retries, TLS/SASL as configured. */
export function kafkaClientConfig(target: KafkaTarget, timeoutMs: number): KafkaConfig {
  const config: KafkaConfig = {
    clientId: "incident-command-diagnostics",
    brokers: target.brokers,
    connectionTimeout: Math.min(timeoutMs, 3_000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  };
  if (target.ssl) config.ssl = true;
  if (target.sasl) {
    const { mechanism, username, password } = target.sasl;
    // kafkajs types SASL as a union per mechanism; narrowing keeps each branch exact.
    config.sasl =
      mechanism === "plain"
        ? { mechanism, username, password }
        : mechanism === "scram-sha-256"
          ? { mechanism, username, password }
          : { mechanism, username, password };
  }
  return config;
}

export const kafkajsAdmin: KafkaAdminFactory = (target, timeoutMs) => new Kafka(kafkaClientConfig(target, timeoutMs)).admin();

export interface ConsumerLagParams {
  groupId?: string;
  topic?: string;
  warning?: number;
  critical?: number;
}

const kafkaProbe = probeFamily("kafka", 8_000);

export function createKafkaLagProbe(factory: KafkaAdminFactory = kafkajsAdmin) {
  return defineProbe({
    ...kafkaProbe("kafka.consumerLag", { ko: "Kafka 컨슈머 랙", en: "Kafka consumer lag" }),
    async check(target, params: ConsumerLagParams | undefined, ctx) {
      const groupId = params?.groupId ?? target.groupId;
      const topic = params?.topic ?? target.topic;
      const admin = factory(target, ctx.timeoutMs);
      ctx.defer(() => admin.disconnect());
      await admin.connect();
      const [ends, committed, groups] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId, topics: [topic] }),
        admin.describeGroups([groupId]).catch(() => null),
      ]);
      const forTopic = committed.find((c) => c.topic === topic)?.partitions ?? [];
      const report = computeLag(ends, forTopic);
      const g = groups?.groups.find((x) => x.groupId === groupId);
      const group: GroupState | null = g ? { state: g.state, members: g.members.length } : null;
      const thresholds = { warning: params?.warning ?? target.lagWarning, critical: params?.critical ?? target.lagCritical };
      return {
        ...lagVerdict(report, thresholds, group),
        data: { groupId, topic, ...report, group, thresholds },
      };
    },
  });
}

export const kafkaConsumerLag = createKafkaLagProbe();
