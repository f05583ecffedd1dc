import { describe, expect, it } from "vitest";
import {
  commonOf,
  correlationKeyOf,
  groupChangeFacts,
  groupTitle,
  instanceName,
  stripName,
  type GroupMember,
} from "@/lib/domain/alert-groups";
import {
  decideStore,
  formatWebhookRejection,
  payloadContentIssues,
  safeParseAlertmanagerWebhook,
  WEBHOOK_LIMITS,
} from "@/lib/domain/alertmanager";
import koMetrics from "@/lib/i18n/messages/ko.metrics.json";

const node = (i: number, extra: Record<string, string> = {}): GroupMember => ({
  fingerprint: `fp${i}`,
  labels: {
    alertname: "NodeDown",
    severity: "critical",
    job: "node",
    cluster: "prod",
    instance: `node-${String(i).padStart(2, "0")}`,
    ...extra,
  },
  annotations: { summary: `node-${String(i).padStart(2, "0")} is down`, runbook: "https://runbooks/node-down" },
});

describe("correlation keys", () => {
  it("is the alertname (the app's rule of that name shares it), or an explicit correlation_key label", () => {
    expect(correlationKeyOf({ alertname: "HighErrorRate", severity: "P0" }, "abc")).toBe("HighErrorRate");
    expect(correlationKeyOf({ alertname: "NodeDown", correlation_key: "prod-network" }, "abc")).toBe("prod-network");
    expect(correlationKeyOf({}, "abc123")).toBe("fingerprint:abc123");
  });
});

describe("group titles", () => {
  it("a group without a shared summary is named by what its alerts share, not by the first node", () => {
    const members = Array.from({ length: 50 }, (_, i) => node(i + 1));
    expect(groupTitle("NodeDown", members)).toBe("NodeDown ×50 (cluster=prod, job=node)");
  });

  it("a shared summary is used, without the rule's name twice", () => {
    const exported = {
      fingerprint: "x",
      labels: { alertname: "HighErrorRate", severity: "P0" },
      annotations: { summary: "HighErrorRate: 30.2 % (> 5 % for 2m)" },
    };
    expect(groupTitle("HighErrorRate", [exported])).toBe("HighErrorRate: 30.2 % (> 5 % for 2m)");
    expect(stripName("HighErrorRate: HighErrorRate: 30 %", "HighErrorRate")).toBe("30 %");
    expect(stripName("[HighErrorRate] 30 %", "HighErrorRate")).toBe("30 %");
    expect(stripName("HighErrorRateSpike is not the name", "HighErrorRate")).toBe("HighErrorRateSpike is not the name");
    const both = [exported, { ...exported, fingerprint: "y" }];
    expect(groupTitle("HighErrorRate", both)).toBe("HighErrorRate ×2: 30.2 % (> 5 % for 2m)");
  });

  it("one alert keeps its own summary; titles are bounded", () => {
    expect(groupTitle("NodeDown", [node(7)])).toBe("NodeDown: node-07 is down");
    expect(groupTitle("NodeDown", [{ ...node(7), annotations: { summary: "x".repeat(300) } }], 200)).toHaveLength(200);
  });
});

describe("a change of a group on the timeline", () => {
  it("counts and names the instances (bounded, in natural order), and how many fire now", () => {
    const fired = Array.from({ length: 12 }, (_, i) => node(12 - i));
    const f = groupChangeFacts({ fired, resolved: [node(30)], firingNow: 48 }, 10);
    expect(f).toEqual({
      fired: 12,
      resolved: 1,
      firingNow: 48,
      firedInstances: ["node-01", "node-02", "node-03", "node-04", "node-05", "node-06", "node-07", "node-08", "node-09", "node-10"],
      resolvedInstances: ["node-30"],
      moreFired: 2,
      moreResolved: 0,
    });
  });

  it("names an alert by its differing labels when it has no instance-like label", () => {
    const common = commonOf([
      { a: "1", b: "2" },
      { a: "1", b: "3" },
    ]);
    expect(common).toEqual({ a: "1" });
    expect(instanceName({ a: "1", b: "3" }, common, "fp")).toBe("b=3");
    expect(instanceName({ a: "1" }, { a: "1" }, "0123456789abcdef0123")).toBe("0123456789abcdef");
  });
});

describe("webhook validation before anything is written", () => {
  const payload = (alerts: unknown[]) => ({ version: "4", receiver: "r", status: "firing", groupKey: "{}", alerts });
  const alert = (over: Record<string, unknown> = {}) => ({
    status: "firing",
    labels: { alertname: "A" },
    annotations: {},
    startsAt: "2026-11-25T03:00:00Z",
    fingerprint: "f1",
    ...over,
  });

  it("names the alert and the field holding a NUL or a lone surrogate (in a value or a name), and where", () => {
    const r = safeParseAlertmanagerWebhook(
      payload([
        alert(),
        alert({ fingerprint: "f2", labels: { alertname: "A", instance: "a\u0000b" } }),
        alert({ fingerprint: "f3", annotations: { ["bad\ud800"]: "x" } }),
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { path: "alerts[1].labels.instance", alert: 1, code: "nul", at: 2 },
      { path: "alerts[2].annotations (name)", alert: 2, code: "surrogate", at: 4 },
    ]);
    expect(r.issues[0]).toBe("alerts[1].labels.instance contains a NUL character (U+0000) at character 2; nothing was stored");
  });

  it("accepts a proper surrogate pair (emoji) and refuses its lone halves", () => {
    expect(safeParseAlertmanagerWebhook(payload([alert({ annotations: { summary: "down 🔥" } })])).ok).toBe(true);
    expect(safeParseAlertmanagerWebhook(payload([alert({ annotations: { summary: "down \udd25" } })])).ok).toBe(false);
  });

  it("bounds sizes: fingerprints, labels per alert, label values, annotation values", () => {
    const many = Object.fromEntries(Array.from({ length: WEBHOOK_LIMITS.labels + 1 }, (_, i) => [`l${i}`, "v"]));
    const r = safeParseAlertmanagerWebhook(
      payload([
        alert({ fingerprint: "f".repeat(WEBHOOK_LIMITS.fingerprint + 1) }),
        alert({ fingerprint: "f2", labels: many }),
        alert({ fingerprint: "f3", labels: { alertname: "A", big: "v".repeat(WEBHOOK_LIMITS.labelValue + 1) } }),
        alert({ fingerprint: "f4", annotations: { description: "d".repeat(WEBHOOK_LIMITS.annotationValue + 1) } }),
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.path, p.code])).toEqual([
      ["alerts[0].fingerprint", "tooLong"],
      ["alerts[1].labels", "tooMany"],
      ["alerts[2].labels.big", "tooLong"],
      ["alerts[3].annotations.description", "tooLong"],
    ]);
  });

  it("renders the rejection in Korean from the catalogue", () => {
    const r = safeParseAlertmanagerWebhook(payload([alert({ labels: { alertname: "A\u0000" } })]));
    if (r.ok) throw new Error("expected a failure");
    expect(formatWebhookRejection(r.problems, koMetrics.webhook)).toBe(
      "Alertmanager 페이로드 거부: alerts[0].labels.alertname의 2번째 문자에 NUL 문자(U+0000)가 있습니다. 아무것도 저장하지 않았습니다",
    );
    expect(
      payloadContentIssues({
        version: "4",
        receiver: "r",
        status: "firing",
        groupKey: "k",
        alerts: [],
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: "",
        truncatedAlerts: 0,
      }),
    ).toEqual([]);
  });

  it("decides what an incoming alert does to its stored row", () => {
    const t = new Date("2026-11-25T03:00:00Z");
    const later = new Date("2026-11-25T04:00:00Z");
    expect(decideStore(undefined, { startsAt: t, status: "firing" })).toBe("new");
    expect(decideStore({ startsAt: t, status: "firing" }, { startsAt: t, status: "firing" })).toBe("repeat");
    expect(decideStore({ startsAt: t, status: "firing" }, { startsAt: t, status: "resolved" })).toBe("change");
    expect(decideStore({ startsAt: t, status: "resolved" }, { startsAt: t, status: "firing" })).toBe("stale");
    expect(decideStore({ startsAt: later, status: "firing" }, { startsAt: t, status: "resolved" })).toBe("stale");
    expect(decideStore({ startsAt: t, status: "resolved" }, { startsAt: later, status: "firing" })).toBe("episode");
  });
});
