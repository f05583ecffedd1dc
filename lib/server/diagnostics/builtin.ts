import "server-only";
// When no Prometheus is configured (PROMETHEUS_URL unset, no DIAGNOSTICS_CONFIG target), the prometheus.query
// probe answers from the app's own metrics source — the embedded simulator behind the metrics panel — instead
// of failing against 127.0.0.1:9090. A configured Prometheus is never replaced.
import { findTarget } from "@/lib/diagnostics";
import { builtInPrometheusProbe } from "@/lib/diagnostics/prometheus-builtin";
import type { AnyProbe, DiagnosticTargets, ProbeId } from "@/lib/diagnostics/types";
import { now as clockNow } from "../clock";
import { metricSource } from "../metrics/source";

/** How results of a built-in probe name their target. */
export const BUILT_IN_TARGET_LABEL = "built-in simulator";

/** The probes that replace the registry's for these targets (none when everything is configured). */
export function builtInProbes(targets: DiagnosticTargets): Partial<Record<ProbeId, AnyProbe>> {
  const prometheus = findTarget(targets, "prometheus");
  if (!prometheus || prometheus.configured) return {};
  const source = metricSource();
  // Without PROMETHEUS_URL the app's source is the simulator (METRICS_SOURCE=prometheus requires the URL).
  if (source.kind !== "simulator") return {};
  return {
    "prometheus.query": builtInPrometheusProbe({
      async read() {
        const at = clockNow().getTime();
        return { at, values: await source.valuesAt(at) };
      },
    }),
  };
}
