// Input shapes for incidents, shared by the API, server actions and forms.
// Strict objects: unknown fields are an error, so a typo never silently does nothing.
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { SEVERITIES } from "./severity";
import { STATUSES } from "./status";
import { SCENARIO_SLUGS } from "./scenarios";

export const TITLE_MAX = 200;
export const TEXT_MAX = 10_000;

const title = safeString({ error: "Title is required." })
  .trim()
  .min(1, 'Title is required: say what is broken, e.g. "Checkout returns 500".')
  .max(TITLE_MAX, `Title is too long (at most ${TITLE_MAX} characters).`);

const severity = z.enum(SEVERITIES, { error: "Severity must be one of P0, P1, P2, P3." });
const scenario = z.enum(SCENARIO_SLUGS, { error: `Scenario must be one of: ${SCENARIO_SLUGS.join(", ")}.` });

export const declareIncidentInput = z.strictObject({
  title,
  severity,
  scenario: scenario.nullish(),
  description: safeString().max(TEXT_MAX, `Description is too long (at most ${TEXT_MAX} characters).`).optional(),
  /** status page components it affects (ids); each gets the impact the severity proposes */
  components: z.array(safeString().min(1).max(100)).max(50).optional(),
});
export type DeclareIncidentInput = z.infer<typeof declareIncidentInput>;

export const changeIncidentInput = z
  .strictObject({
    status: z.enum(STATUSES, { error: `Status must be one of: ${STATUSES.join(", ")}.` }).optional(),
    severity: severity.optional(),
    commanderId: safeString().min(1).max(100).nullable().optional(),
    reason: safeString().trim().max(TEXT_MAX, `Reason is too long (at most ${TEXT_MAX} characters).`).optional(),
    version: z.number({ error: "version is required: send the version you read, so concurrent edits are detected." }).int().positive(),
  })
  .refine((v) => v.status !== undefined || v.severity !== undefined || v.commanderId !== undefined, {
    message: "Nothing to change: send status, severity or commanderId.",
  });
export type ChangeIncidentInput = z.infer<typeof changeIncidentInput>;

export const noteInput = z.strictObject({
  text: safeString({ error: "text is required." })
    .trim()
    .min(1, "The note is empty.")
    .max(TEXT_MAX, `The note is too long (at most ${TEXT_MAX} characters).`),
});
