import { apiRoute } from "@/lib/server/api";
import { alertsConfig } from "@/lib/server/alerts/config";
import { unavailableAs503 } from "@/lib/server/alerts/http";
import { exportPrometheusRules } from "@/lib/metrics/rules-export";

export const dynamic = "force-dynamic";

/** The manual's eight rules as a Prometheus rules file (same PromQL as this server's Prometheus source). */
export const GET = apiRoute({}, async () =>
  unavailableAs503(async () => {
    const config = alertsConfig();
    const yaml = exportPrometheusRules(config.prometheus ?? {});
    return new Response(yaml, {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": 'attachment; filename="incident-command-rules.yml"',
      },
    });
  }),
);
