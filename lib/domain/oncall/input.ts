// Input shapes of on-call schedules and overrides, shared by the API, the editor and the database layer. Checks that
// need the database (do the users exist?) are the server's; everything decidable from the input alone is here.
import { z } from "zod";
import { safeString } from "../safe-text";
import { CONTACT_ROLES } from "../contacts";
import { dayNumber, isValidTimeZone, parseClock, parseLocalDate } from "./wall-clock";
import type { Layer, Override, Restriction, Rota, Rotation } from "./rota";

export const DEFAULT_SCHEDULE_TIME_ZONE = "Asia/Seoul";
export const MAX_LAYERS = 10;
export const MAX_MEMBERS = 50;
const MAX_OVERRIDE_MS = 90 * 24 * 3_600_000;

const clock = safeString().refine((v) => parseClock(v) !== null, { message: "Use a 24-hour time HH:MM, e.g. 09:00." });
const localDate = safeString().refine((v) => parseLocalDate(v) !== null, { message: "Use a date YYYY-MM-DD that exists." });
const timeZone = z
  .string()
  .max(64)
  .refine((v) => isValidTimeZone(v), { message: "Unknown time zone: use an IANA name such as Asia/Seoul or Europe/Berlin." });

const rotation = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("daily") }),
  z.strictObject({ kind: z.literal("weekly") }),
  z.strictObject({
    kind: z.literal("hours"),
    hours: z
      .number()
      .int()
      .min(1, "A rotation lasts at least 1 hour.")
      .max(24 * 28, "A rotation lasts at most 4 weeks (672 hours)."),
  }),
]);

const restriction = z
  .strictObject({
    days: z.array(z.number().int().min(1).max(7)).min(1, "Pick at least one day (1 = Monday … 7 = Sunday).").max(7),
    start: clock,
    end: clock,
  })
  .refine((r) => r.start !== r.end, {
    message: "A window needs different start and end times; remove the restriction to be on duty around the clock.",
    path: ["end"],
  });

export const layerInput = z
  .strictObject({
    name: safeString().trim().max(80).optional(),
    members: z.array(safeString().min(1).max(64)).min(1, "A layer needs at least one member.").max(MAX_MEMBERS),
    rotation,
    handoff: clock,
    startDate: localDate,
    restrictions: z.array(restriction).max(14).default([]),
  })
  .refine((l) => new Set(l.members).size === l.members.length, {
    message: "A member appears twice in the same layer; list each person once.",
    path: ["members"],
  });
export type LayerInput = z.infer<typeof layerInput>;

/**
 * Layers that make no sense together: a layer under an unrestricted layer that starts no later is never on call
 * (a higher layer wins wherever it has someone, and an unrestricted one always has someone from its start).
 */
function refuseShadowedLayers(layers: readonly LayerInput[], ctx: z.RefinementCtx): void {
  layers.forEach((lower, i) => {
    const j = layers.findIndex((upper, k) => k > i && upper.restrictions.length === 0 && upper.startDate <= lower.startDate);
    if (j < 0) return;
    ctx.addIssue({
      code: "custom",
      path: [i],
      message: `Layer ${i + 1} is never on call: layer ${j + 1} above it has no restrictions and starts no later. Give layer ${j + 1} restrictions or remove layer ${i + 1}.`,
    });
  });
}

const layersInput = z
  .array(layerInput)
  .min(1, "A schedule needs at least one layer.")
  .max(MAX_LAYERS)
  .superRefine((layers, ctx) => refuseShadowedLayers(layers, ctx));

export const scheduleInput = z.strictObject({
  role: z.enum(CONTACT_ROLES, { error: `Role must be one of: ${CONTACT_ROLES.join(", ")}.` }),
  name: safeString().trim().min(1).max(80).optional(),
  timeZone: timeZone.default(DEFAULT_SCHEDULE_TIME_ZONE),
  layers: layersInput,
});
export type ScheduleInput = z.infer<typeof scheduleInput>;

/** PATCH: any part; layers, when given, replace all layers. */
export const scheduleChangeInput = z.strictObject({
  name: safeString().trim().min(1).max(80).optional(),
  timeZone: timeZone.optional(),
  layers: layersInput.optional(),
  version: z.number().int().min(0).optional(),
});

export const overrideInput = z
  .strictObject({
    userId: safeString().min(1).max(64),
    start: z.iso.datetime({ offset: true, message: "start must be an ISO 8601 time, e.g. 2026-12-01T09:00:00+09:00." }),
    end: z.iso.datetime({ offset: true, message: "end must be an ISO 8601 time, e.g. 2026-12-01T18:00:00+09:00." }),
  })
  .refine((o) => Date.parse(o.end) > Date.parse(o.start), {
    message: "The override ends before it starts: end must be after start.",
    path: ["end"],
  })
  .refine((o) => Date.parse(o.end) - Date.parse(o.start) <= MAX_OVERRIDE_MS, {
    message: "An override covers at most 90 days.",
    path: ["end"],
  });
export type OverrideInput = z.infer<typeof overrideInput>;

/** Stored layer JSON → the rota maths' layer. */
export function toLayer(id: string, input: LayerInput): Layer {
  const r = input.rotation;
  const rotationValue: Rotation = r.kind === "hours" ? { kind: "hours", hours: r.hours } : { kind: r.kind };
  const restrictions: Restriction[] = input.restrictions.map((w) => ({
    days: [...w.days].sort(),
    start: parseClock(w.start)!,
    end: parseClock(w.end)!,
  }));
  return {
    id,
    members: input.members,
    rotation: rotationValue,
    handoff: parseClock(input.handoff)!,
    startDate: parseLocalDate(input.startDate)!,
    restrictions,
  };
}

export function toRota(schedule: { timeZone: string; layers: { id: string; input: LayerInput }[]; overrides: Override[] }): Rota {
  return { timeZone: schedule.timeZone, layers: schedule.layers.map((l) => toLayer(l.id, l.input)), overrides: schedule.overrides };
}

/** The first local day a layer has anyone, for sorting and display. */
export function layerStartDay(input: LayerInput): number {
  return dayNumber(parseLocalDate(input.startDate)!);
}
