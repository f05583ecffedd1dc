// Input shapes of the status page's API and forms (strict: unknown fields are an error).
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { IMPACTS } from "./components";
import { UPDATE_STATUSES } from "./updates";
import { SEVERITIES } from "../severity";

export const UPDATE_BODY_MAX = 5_000;

const body = safeString({ error: "Write the update in Korean and English." })
  .trim()
  .min(1, "Write the update in Korean and English.")
  .max(UPDATE_BODY_MAX, `The update is too long (at most ${UPDATE_BODY_MAX} characters).`);

const componentImpact = z.strictObject({
  componentId: safeString().min(1).max(100),
  impact: z.enum(IMPACTS, { error: `impact must be one of: ${IMPACTS.join(", ")}.` }),
});

export const publishUpdateInput = z.strictObject({
  status: z.enum(UPDATE_STATUSES, { error: `status must be one of: ${UPDATE_STATUSES.join(", ")}.` }),
  body: z.strictObject({ ko: body, en: body }),
  /** the affected components and their impact as published (replaces the incident's list) */
  components: z.array(componentImpact).max(50).optional(),
  /** the public title; empty keeps a generic one, never the internal title */
  title: z.strictObject({ ko: safeString().trim().max(200), en: safeString().trim().max(200) }).optional(),
});
export type PublishUpdateInput = z.infer<typeof publishUpdateInput>;

export const incidentComponentsInput = z.strictObject({ components: z.array(componentImpact).max(50) });
export type IncidentComponentsInput = z.infer<typeof incidentComponentsInput>;

const name = safeString({ error: "Name the component in Korean and English." })
  .trim()
  .min(1, "Name the component in Korean and English.")
  .max(80);

export const componentInput = z.strictObject({
  id: safeString().max(100).optional(),
  slug: safeString()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "The slug is lower-case letters, digits and dashes (at most 40)."),
  nameKo: name,
  nameEn: name,
  archived: z.boolean().optional(),
});
export const componentsInput = z.strictObject({ components: z.array(componentInput).min(1).max(50) });
export type ComponentsInput = z.infer<typeof componentsInput>;

const minutes = z.number().int().min(5).max(1440).nullable();
export const reminderSettingsInput = z.strictObject(
  Object.fromEntries(SEVERITIES.map((s) => [s, minutes])) as Record<(typeof SEVERITIES)[number], typeof minutes>,
);

export const EMAIL_RE = /^[^\s@<>()",;]{1,64}@[^\s@<>()",;]{1,190}\.[^\s@<>()",;]{2,}$/;

export const subscribeInput = z.strictObject({
  email: safeString().trim().toLowerCase().max(254).regex(EMAIL_RE, "Enter an email address."),
  components: z.array(safeString().max(100)).max(50).default([]),
  locale: z.enum(["ko", "en"]).default("ko"),
});

export const webhookInput = z.strictObject({
  url: safeString()
    .trim()
    .max(2000)
    .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), "The webhook URL must be an http(s) URL."),
});

export const maintenanceInput = z
  .strictObject({
    title: z.strictObject({ ko: name, en: name }),
    components: z.array(safeString().min(1).max(100)).min(1, "Choose at least one component.").max(50),
    startsAt: z.iso.datetime({ offset: true, error: "startsAt must be an ISO 8601 time." }),
    endsAt: z.iso.datetime({ offset: true, error: "endsAt must be an ISO 8601 time." }),
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), { message: "The window must end after it starts.", path: ["endsAt"] });
export type MaintenanceInput = z.infer<typeof maintenanceInput>;
