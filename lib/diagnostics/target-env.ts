// The environment variable that sets each kind of probe target (lib/diagnostics/targets.ts reads them), so an
// error can say what to change. DIAGNOSTICS_CONFIG (a JSON file) can name several targets per kind instead.
import type { TargetKind } from "./types";

export const TARGET_ENV: Record<TargetKind, string> = {
  redis: "REDIS_URL",
  mysql: "MYSQL_URL",
  actuator: "ACTUATOR_URL",
  prometheus: "PROMETHEUS_URL",
  kafka: "KAFKA_BROKERS",
  kubernetes: "KUBECONFIG",
};
