// Manual 2.4 "쿠폰 발급 메시지 처리 지연".
import type { RunbookDef } from "../runbook-types";
import { added, addedBash, kubectlScale, manualBash, step, t } from "./commands";

const CONSUMER_GROUPS = "kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group hhplus-consumer-group";

const kafkaConsumerLag: RunbookDef = {
  slug: "kafka-consumer-lag",
  symptoms: [
    t("쿠폰 발급 요청 후 실제 발급까지 지연", "Coupons are issued long after they are requested"),
    t("Consumer lag 급증", "Consumer lag spikes"),
    t('"Message consumption timeout" 에러', '"Message consumption timeout" errors'),
  ],
  diagnostics: [
    step("Consumer lag 확인", "Check the consumer lag", {
      command: manualBash(
        "kafka-console-consumer --bootstrap-server localhost:9092 \\\n  --topic coupon-issue --group hhplus-consumer-group --describe",
        {
          corrected: CONSUMER_GROUPS,
          issue: "wrong",
          note: t(
            "kafka-console-consumer에는 --describe가 없습니다. --group으로 실행하면 그룹에 참여해 리밸런스를 일으키고 오프셋을 커밋할 수 있습니다: kafka-consumer-groups --describe를 쓰세요.",
            "kafka-console-consumer has no --describe; run with --group it joins the group, triggers a rebalance and may commit offsets. Use kafka-consumer-groups --describe.",
          ),
        },
      ),
      probeId: "kafka.consumerLag",
    }),
    step("Topic 상태 확인", "Check the topic", {
      command: manualBash("kafka-topics --bootstrap-server localhost:9092 --describe --topic coupon-issue"),
      probeId: null,
    }),
    step("Consumer 그룹 상태 확인", "Check the consumer group", {
      command: manualBash(CONSUMER_GROUPS),
      probeId: "kafka.consumerLag",
    }),
  ],
  respondTitle: t("즉시 대응", "Immediate response"),
  respond: [
    step("Consumer 인스턴스 증설", "Add consumer instances", {
      command: kubectlScale(
        "coupon-consumer",
        5,
        t("파티션 수보다 많은 컨슈머는 할당을 받지 못하고 놉니다.", "Consumers beyond the partition count get no partition and sit idle."),
      ),
    }),
    step("파티션 수 증가 (다운타임 없이)", "Increase the partition count (no downtime)", {
      command: manualBash("kafka-topics --bootstrap-server localhost:9092 --alter --topic coupon-issue --partitions 10", {
        issue: "dangerous",
        note: t(
          "파티션 수는 다시 줄일 수 없고, 키→파티션 매핑이 바뀌어 같은 키 메시지의 순서 보장이 깨집니다.",
          "The partition count can never be reduced, and the key-to-partition mapping changes, so per-key ordering breaks.",
        ),
      }),
    }),
  ],
  rootCause: [
    added("컨슈머 처리 시간과 에러 로그 확인", "Check the consumers' processing time and error logs", {
      command: addedBash('kubectl logs -l app=coupon-consumer --prefix --since=15m | grep -i "timeout"'),
    }),
    added("그룹 리밸런스 반복 여부 확인 (상태 PreparingRebalance)", "Check for repeated group rebalances (state PreparingRebalance)", {
      command: addedBash("kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group hhplus-consumer-group --state"),
    }),
  ],
  permanentFixes: [
    added("예상 처리량에 맞춰 파티션 수를 미리 계획", "Plan the partition count ahead from the expected throughput"),
    added("처리를 멱등하게 만들고 실패 메시지는 DLQ로", "Make processing idempotent and send failed messages to a DLQ"),
  ],
  recovery: [
    step("처리되지 않은 메시지 수동 처리", "Process the unhandled messages by hand"),
    step("쿠폰 발급 상태 일괄 업데이트", "Update the coupon issue states in bulk"),
    step("사용자 알림 및 보상", "Notify and compensate the users"),
  ],
};

export const KAFKA_RUNBOOKS: readonly RunbookDef[] = [kafkaConsumerLag];
