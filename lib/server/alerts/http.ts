import "server-only";
// Errors of the metrics feature that are not the user's fault: a configuration mistake or a metric
// source that cannot be read. Answered 503 with the reason (e.g. "Prometheus at http://… unreachable"),
// in the API's error shape, so the panel can say what is wrong.
import { AlertsConfigError } from "./config";
import { MetricsUnavailableError } from "../metrics/panel";

export async function unavailableAs503<T>(work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AlertsConfigError || error instanceof MetricsUnavailableError) {
      return Response.json({ error: { code: "metrics_unavailable", message: error.message } }, { status: 503 });
    }
    throw error;
  }
}
