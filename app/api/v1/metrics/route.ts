import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { RANGE_KEYS, readPanelMetrics, type RangeKey } from "@/lib/server/metrics/panel";
import { unavailableAs503 } from "@/lib/server/alerts/http";
import { SIGNAL_IDS, type SignalId } from "@/lib/domain/alert-rules";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  range: z.enum(RANGE_KEYS as [RangeKey, ...RangeKey[]], { error: `range must be one of ${RANGE_KEYS.join(", ")}.` }).default("1h"),
  signals: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").filter(Boolean) : undefined))
    .pipe(
      z
        .array(z.enum(SIGNAL_IDS, { error: `signals must be a comma-separated list of: ${SIGNAL_IDS.join(", ")}.` }))
        .min(1)
        .optional(),
    ),
});

/** Series per signal for the panel, with the rules' thresholds. ?range=15m|1h|6h|24h&signals=error_ratio,p95_latency */
export const GET = apiRoute({ query: querySchema }, async ({ query }) => {
  const signals: readonly SignalId[] = query.signals ?? SIGNAL_IDS;
  return unavailableAs503(() => readPanelMetrics(query.range, signals));
});
