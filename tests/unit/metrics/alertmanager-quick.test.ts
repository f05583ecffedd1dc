// The hand-written fast check of one alert (quickAlert) must never accept what the schema refuses, and
// must give exactly what the schema gives for what it accepts: the schema stays the judge of a payload.
import { describe, expect, it } from "vitest";
import { alertSchema, quickAlert } from "@/lib/domain/alertmanager-schema";

const valid = {
  status: "firing",
  labels: { alertname: "NodeDown", instance: "node-1" },
  annotations: { summary: "node-1 down" },
  startsAt: "2026-11-29T20:00:00.123Z",
  endsAt: "0001-01-01T00:00:00Z",
  generatorURL: "http://prometheus:9090/graph",
  fingerprint: "0123456789abcdef",
  extra: "dropped",
};

const variants: [string, unknown][] = [
  ["valid", valid],
  ["no annotations", { ...valid, annotations: undefined }],
  ["no endsAt, no generatorURL", { ...valid, endsAt: undefined, generatorURL: undefined }],
  ["resolved, offset time", { ...valid, status: "resolved", endsAt: "2026-11-29T21:00:00+09:00" }],
  ["unknown status", { ...valid, status: "pending" }],
  ["number label", { ...valid, labels: { alertname: "X", n: 1 } }],
  ["array labels", { ...valid, labels: ["a"] }],
  ["null annotations", { ...valid, annotations: null }],
  ["bad startsAt", { ...valid, startsAt: "yesterday" }],
  ["null endsAt", { ...valid, endsAt: null }],
  ["numeric generatorURL", { ...valid, generatorURL: 5 }],
  ["empty fingerprint", { ...valid, fingerprint: "" }],
  ["missing fingerprint", { ...valid, fingerprint: undefined }],
  ["not an object", "alert"],
  ["null", null],
];

describe("quickAlert", () => {
  it.each(variants)("%s: accepted only when the schema accepts it, with the schema's result", (_, raw) => {
    const input = raw && typeof raw === "object" ? JSON.parse(JSON.stringify(raw)) : raw;
    const quick = quickAlert(input);
    const schema = alertSchema.safeParse(input);
    if (quick) expect(schema.success && schema.data).toEqual(quick);
    else if (_ !== "valid" && !_.startsWith("no ") && !_.startsWith("resolved")) expect(schema.success).toBe(false);
    if (_ === "valid" || _.startsWith("no ") || _.startsWith("resolved")) expect(quick).not.toBeNull();
  });
});
