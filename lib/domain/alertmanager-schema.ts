// The Alertmanager webhook payload's shape (version "4", reference/contracts.md section 2) as zod
// schemas. Pure. Strings stay plain here: NUL and lone surrogates are found after parsing
// (alertmanager-issues.ts), which names the alert, the field and the position.
import { z } from "zod";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/** Go's zero time: Alertmanager's "no end" while an alert fires. */
export const GO_ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?Z$/i;

const timestamp = z.string().regex(RFC3339, { error: "is not an RFC 3339 timestamp" });
const labelSet = z.record(z.string(), z.string());

export const alertSchema = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: timestamp,
  endsAt: timestamp.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1, { error: "must not be empty" }),
});

export const alertmanagerPayloadSchema = z.object({
  version: z.literal("4"),
  receiver: z.string(),
  status: z.enum(["firing", "resolved"]),
  alerts: z.array(alertSchema),
  groupKey: z.string(),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(""),
  truncatedAlerts: z.number().int().nonnegative().default(0),
});
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;

/** The top-level fields of a payload, the alerts left unchecked (each alert is checked on its own). */
export const envelopeSchema = alertmanagerPayloadSchema.extend({ alerts: z.array(z.unknown()) });
export type Envelope = Omit<AlertmanagerPayload, "alerts">;
export type ParsedAlert = AlertmanagerPayload["alerts"][number];

const isLabelSet = (v: unknown): v is Record<string, string> => {
  if (v === null || typeof v !== "object" || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k in v) if (k === "__proto__" || typeof (v as Record<string, unknown>)[k] !== "string") return false;
  return true;
};

/**
 * An alert that is plainly valid, checked by hand: what alertSchema.parse gives for it, or null when
 * anything is unusual (then alertSchema decides and names the problem). About 20 times faster than the
 * schema, which matters for a 5,000-alert payload; it never accepts what the schema refuses.
 */
export function quickAlert(raw: unknown): ParsedAlert | null {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return null;
  const a = raw as Record<string, unknown>;
  const { status, labels, startsAt, endsAt, generatorURL, fingerprint } = a;
  const annotations = a.annotations === undefined ? {} : a.annotations;
  if (status !== "firing" && status !== "resolved") return null;
  if (!isLabelSet(labels) || !isLabelSet(annotations)) return null;
  if (typeof startsAt !== "string" || !RFC3339.test(startsAt)) return null;
  if (endsAt !== undefined && (typeof endsAt !== "string" || !RFC3339.test(endsAt))) return null;
  if (generatorURL !== undefined && typeof generatorURL !== "string") return null;
  if (typeof fingerprint !== "string" || fingerprint.length === 0) return null;
  const out: ParsedAlert = { status, labels, annotations, startsAt, fingerprint };
  if (endsAt !== undefined) out.endsAt = endsAt;
  if (generatorURL !== undefined) out.generatorURL = generatorURL;
  return out;
}
