import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  AlertmanagerPayloadError,
  isRepeat,
  parseAlertmanagerWebhook,
  safeParseAlertmanagerWebhook,
  severityFromLabels,
  type AlertmanagerAlert,
} from "@/lib/domain/alertmanager";

// Every POST Alertmanager 0.25 made to a listener during the reference run (contracts.md 2.2–2.3).
const CAPTURE = new URL("../../fixtures/captures/alertmanager-webhook-received.jsonl", import.meta.url);
const received: { receivedAt: string; body: unknown }[] = readFileSync(CAPTURE, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { receivedAt: string; body: unknown });

function firstBody(pred: (a: AlertmanagerAlert[]) => boolean) {
  for (const r of received) {
    const n = parseAlertmanagerWebhook(r.body);
    if (pred(n.alerts)) return n;
  }
  throw new Error("no such capture");
}

describe("Alertmanager webhook: captured payloads", () => {
  it("parses every captured payload", () => {
    expect(received).toHaveLength(58);
    for (const r of received) {
      const res = safeParseAlertmanagerWebhook(r.body);
      expect(res.ok, res.ok ? "" : res.error).toBe(true);
    }
  });

  it("normalises a firing alert: fingerprint, times, no end, severity from the label", () => {
    const n = parseAlertmanagerWebhook(received[1].body);
    expect(n.receiver).toBe("dashboard-webhook");
    expect(n.groupKey).toBe('{}:{alertname="HikariPoolExhausted", job="order-service"}');
    expect(n.truncatedAlerts).toBe(0);
    const [a] = n.alerts;
    expect(a).toMatchObject({
      fingerprint: "f4a9ceea95f92e94",
      status: "firing",
      name: "HikariPoolExhausted",
      endsAt: null,
      severity: "P1",
      severitySource: "label-alias",
      episodeKey: "f4a9ceea95f92e94@2026-11-24T21:56:32.565Z",
    });
    expect(a.startsAt.toISOString()).toBe("2026-11-24T21:56:32.565Z");
    expect(a.generatorURL).toMatch(/^http:\/\/vm:9090\/graph\?/);
  });

  it("reads each alert's own status in a mixed group (top-level status firing)", () => {
    const n = firstBody((alerts) => alerts.length === 2 && alerts.some((a) => a.status === "resolved"));
    expect(n.status).toBe("firing");
    expect(n.alerts.map((a) => [a.fingerprint, a.status])).toEqual([
      ["fcd2df9deba991b5", "resolved"],
      ["967ddca9ca15df4a", "firing"],
    ]);
    expect(n.alerts[0].endsAt?.toISOString()).toBe("2026-11-24T21:59:14.000Z");
  });

  it("parses nanosecond resolve times", () => {
    const n = firstBody((alerts) => alerts.some((a) => a.fingerprint === "967ddca9ca15df4a" && a.status === "resolved"));
    expect(n.alerts[0].endsAt?.toISOString()).toBe("2026-11-24T22:04:01.842Z");
  });

  it("dedupes repeats, retries and resolves per alert episode: 58 POSTs, 60 alerts, 13 events", () => {
    const stored = new Map<string, { episodeKey: string; status: "firing" | "resolved" }>();
    const events: string[] = [];
    let alerts = 0;
    for (const r of received) {
      for (const a of parseAlertmanagerWebhook(r.body).alerts) {
        alerts++;
        const incoming = { episodeKey: a.episodeKey, status: a.status };
        if (isRepeat(stored.get(a.fingerprint), incoming)) continue;
        stored.set(a.fingerprint, incoming);
        events.push(`${a.name}:${a.fingerprint.slice(0, 4)}:${a.status}`);
      }
    }
    expect(alerts).toBe(60);
    expect(events).toEqual([
      "AlwaysFiringTest:1d1c:firing",
      "HikariPoolExhausted:f4a9:firing",
      "HighP95LatencySummary:06d3:firing",
      "HighP95Latency:46af:firing",
      "HighErrorRatio:a65e:firing",
      "HikariPoolExhausted:f4a9:resolved",
      "HighP95LatencySummary:06d3:resolved",
      "HighErrorRatio:a65e:resolved",
      "HighP95Latency:46af:resolved",
      "DiagGroupTest:fcd2:firing",
      "DiagGroupTest:967d:firing",
      "DiagGroupTest:fcd2:resolved",
      "DiagGroupTest:967d:resolved",
    ]);
  });

  it("a resolved alert for an unknown episode is new; the same alert firing again later is a new episode", () => {
    expect(isRepeat(undefined, { episodeKey: "x@1", status: "resolved" })).toBe(false);
    expect(isRepeat({ episodeKey: "x@1", status: "resolved" }, { episodeKey: "x@2", status: "firing" })).toBe(false);
  });

  it("accepts the body as text and tolerates unknown fields (Grafana, newer Alertmanager)", () => {
    const body = { ...(received[0].body as object), notification_reason: "repeat", orgId: 1 };
    expect(parseAlertmanagerWebhook(JSON.stringify(body)).alerts[0].name).toBe("AlwaysFiringTest");
  });
});

describe("Alertmanager webhook: severity mapping", () => {
  it("uses P0..P3 labels, critical/warning aliases, else the manual's rule", () => {
    expect(severityFromLabels({ severity: "P0" })).toEqual({ severity: "P0", source: "label" });
    expect(severityFromLabels({ severity: "p3" })).toEqual({ severity: "P3", source: "label" });
    expect(severityFromLabels({ severity: "critical" })).toEqual({ severity: "P1", source: "label-alias" });
    expect(severityFromLabels({ severity: "warning" })).toEqual({ severity: "P2", source: "label-alias" });
    expect(severityFromLabels({ alertname: "HighErrorRate" })).toEqual({ severity: "P0", source: "rule" });
    expect(severityFromLabels({ alertname: "PaymentFailureSpike", severity: "info" })).toEqual({
      severity: "P1",
      source: "rule",
    });
    expect(severityFromLabels({ alertname: "AlwaysFiringTest", severity: "info" })).toBeNull();
  });
});

describe("Alertmanager webhook: bad payloads", () => {
  const good = received[0].body as Record<string, unknown>;
  const goodAlert = (good.alerts as Record<string, unknown>[])[0];
  const errorOf = (body: unknown) => {
    const r = safeParseAlertmanagerWebhook(body);
    if (r.ok) throw new Error("expected a failure");
    return r.error;
  };

  it("names the field and the problem", () => {
    expect(errorOf({ ...good, version: "5" })).toBe('Alertmanager payload rejected: version unsupported payload version "5": expected "4"');
    expect(errorOf({ ...good, alerts: undefined })).toBe("Alertmanager payload rejected: alerts is required");
    expect(errorOf({ ...good, alerts: [{ ...goodAlert, status: "active" }] })).toBe(
      'Alertmanager payload rejected: alerts[0].status "active": expected "firing" or "resolved"',
    );
    expect(errorOf({ ...good, alerts: [{ ...goodAlert, labels: { severity: 1 } }] })).toBe(
      "Alertmanager payload rejected: alerts[0].labels.severity expected string, got 1",
    );
    expect(errorOf({ ...good, alerts: [{ ...goodAlert, startsAt: "yesterday" }] })).toBe(
      "Alertmanager payload rejected: alerts[0].startsAt is not an RFC 3339 timestamp",
    );
    expect(errorOf({ ...good, alerts: [{ ...goodAlert, fingerprint: "" }] })).toMatch(/alerts\[0\]\.fingerprint must not be empty/);
    expect(errorOf(null)).toBe("Alertmanager payload rejected: (body) expected object, got null");
    expect(errorOf([])).toBe("Alertmanager payload rejected: (body) expected object, got an array");
    expect(errorOf("{not json")).toMatch(/^Alertmanager payload rejected: body is not JSON \(/);
  });

  it("throws AlertmanagerPayloadError with the list of issues", () => {
    try {
      parseAlertmanagerWebhook({ version: "4" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AlertmanagerPayloadError);
      expect((err as AlertmanagerPayloadError).issues).toEqual([
        "receiver is required",
        "status is required",
        "alerts is required",
        "groupKey is required",
      ]);
    }
  });
});
