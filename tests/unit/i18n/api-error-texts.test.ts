// Every message a server error carries reaches a Korean reader in Korean (issue 12): each message written at a
// throw site — `new AppError(…)`, `notFound(…)`, `forbidden(…)`, the field messages beside them, and the request
// schemas' own messages — matches a
// template of the API-error catalogue (lib/i18n/messages/{en,ko}.apiErrors.json, applied by
// lib/server/error-text.ts). Messages built elsewhere are listed below with where their language comes from; a new
// one fails here until it is listed. How the sources are read: api-error-scan.ts.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { matchCatalogue } from "@/lib/server/error-text";
import { scanErrorTexts } from "./api-error-scan";
import { sourceFiles } from "./usage-scan";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Messages not written at the throw site, by "file: expression": why they reach the reader in their language, and
 * (where they are English templates) the messages they produce, each of which must be in the catalogue.
 */
const COMPUTED: Record<string, { why: string; samples?: string[] }> = {
  "app/api/test/clock/route.ts: error.message": { why: "the test clock's own route (ALLOW_TEST_CLOCK only): no reader" },
  "lib/server/alerts/alertmanager.ts: formatWebhookRejection(parsed.problems, TEMPLATES[locale])": {
    why: "written in the asker's language at the throw",
  },
  "lib/server/api.ts: first": { why: "the request schemas' issues (zod), localized by validationError" },
  "lib/server/incidents.ts: plan.message": {
    why: "lib/domain/incident-change.ts's refusals",
    samples: [
      "Give a reason for changing the severity.",
      "The incident is already resolved.",
      "Nothing changed: the incident already has these values.",
      "A resolved incident can only be reopened (to investigating), not moved to identified.",
      "Status cannot go back from mitigated to investigating; add a note instead, or resolve and reopen.",
    ],
  },
  "lib/server/incidents.ts: refusal": {
    why: "the resolve gate's refusals (guardResolve)",
    samples: [
      "A P0 incident is resolved after a passing recovery verification (manual section 4), and none has run yet. Run the recovery verification in the incident room, or give a reason for resolving without a passing one.",
    ],
  },
  "lib/server/insights/service.ts: message": { why: "the insights translator, in the asker's language" },
  "lib/server/oncall/store.ts: first": {
    why: "requireUsers' field messages",
    samples: ['Unknown user "u-1".', 'User "u-1" is deactivated and cannot be on call.'],
  },
  "lib/server/pagination.ts: message": { why: "securityMessages.invalidCursor, in the asker's language" },
  "lib/server/postmortems/postmortems.ts: check.reason": {
    why: "lib/domain/postmortem/publish.ts's transition refusals",
    samples: [
      "The postmortem is already published.",
      "The viewer role cannot change a postmortem's status.",
      "Fill in the required fields first: Summary › Impact.",
      "Only an admin or a commander can publish a postmortem.",
      "A draft must be reviewed before it is published: submit it for review first.",
      "A published postmortem is final; only an admin can reopen it.",
      "Say why the published postmortem is reopened; the reason is kept in the audit log.",
      "A postmortem cannot move from draft to published.",
    ],
  },
  "lib/server/reach/inbound.ts: message": { why: "the reach translator, in the asker's language" },
  'lib/server/reach/inbound.ts: t("errors.payload")': { why: "the reach translator" },
  'lib/server/reach/outcome.ts: t("page.used")': { why: "the reach translator" },
  'lib/server/reach/outcome.ts: t("page.expired")': { why: "the reach translator" },
  'lib/server/reach/outcome.ts: t("page.invalid")': { why: "the reach translator" },
  "lib/server/security/body.ts: securityMessages.bodyTooLarge(locale, limitBytes)": { why: "securityMessages, in the asker's language" },
  "lib/server/security/origin-check.ts: securityMessages.crossOrigin(locale, verdict.origin ? verdict.origin.slice(0, 200) : null)": {
    why: "securityMessages, in the asker's language",
  },
  "lib/server/security/text-guard.ts: message": { why: "securityMessages.unsafeText, in the asker's language" },
};

/** Files whose messages never reach the API's readers as an error, and why. */
const NOT_API_ERRORS: Record<string, string> = {
  "lib/server/alerts/config.ts": "the server's environment checked at start-up: the operator's log",
  "lib/domain/alertmanager-schema.ts": "Alertmanager's webhook rejections, worded per language by formatWebhookRejection",
};

describe("server error messages have a Korean text", () => {
  const rootModules = readdirSync(ROOT)
    .filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => join(ROOT, f));
  const { texts, computed } = scanErrorTexts(ROOT, [...sourceFiles(ROOT, ["app", "lib"]), ...rootModules]);

  it("the scan finds the throw sites (the forms it reads still exist)", () => {
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.some((t) => t.sample === "x1 not found.")).toBe(false);
    expect(texts.find((t) => t.file === "lib/server/incidents.ts" && t.sample === "Incident x1 not found.")).toBeDefined();
    expect(texts.find((t) => t.file === "lib/server/escalations/settings.ts")?.sample).toMatch(/^This contact was removed/);
    expect(texts.find((t) => t.file === "lib/domain/oncall/input.ts" && t.part === "schema")).toBeDefined();
    for (const file of Object.keys(NOT_API_ERRORS))
      expect(
        texts.some((t) => t.file === file),
        file,
      ).toBe(true);
  });

  it("every message written at a throw site is in the API-error catalogue", () => {
    const missing = texts
      .filter((t) => !(t.file in NOT_API_ERRORS) && !matchCatalogue(t.sample))
      .map((t) => `${t.file}:${t.line} [${t.part}] ${t.source}`);
    if (missing.length > 0) {
      throw new Error(
        `${missing.length} server error message(s) read in English by a Korean user: add each as a template ` +
          `({value} for each \${…}) to lib/i18n/messages/en.apiErrors.json with its Korean in ko.apiErrors.json:\n  ${missing.join("\n  ")}\n`,
      );
    }
  });

  it("every message built elsewhere is accounted for, and the English ones it builds are in the catalogue", () => {
    const found = new Set(computed.map((c) => `${c.file}: ${c.expression}`));
    const unlisted = [...found].filter((k) => !(k in COMPUTED));
    const stale = Object.keys(COMPUTED).filter((k) => !found.has(k));
    const samples = Object.entries(COMPUTED).flatMap(([k, v]) =>
      (v.samples ?? []).filter((s) => !matchCatalogue(s)).map((s) => `${k}: ${s}`),
    );
    expect({ unlisted, stale, samplesNotInCatalogue: samples }).toEqual({ unlisted: [], stale: [], samplesNotInCatalogue: [] });
  });
});
