// The incident report template of the manual (section 5.1) as data, so the editor, the publish rules
// and the Markdown export all read the same headings and never drift from the manual's wording.
// Keys are stable identifiers stored in the database (sections JSON); headings may be reworded, keys not.
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import type { Locale } from "@/lib/i18n/locales";
import { oneOf } from "@/lib/domain/one-of";

export interface LocalizedText {
  ko: string;
  en: string;
}

export const POSTMORTEM_SECTION_KEYS = ["summary", "rootCauseAnalysis", "responseProcess", "improvementPlan"] as const;
export type PostmortemSectionKey = (typeof POSTMORTEM_SECTION_KEYS)[number];

/** Field keys are unique across sections so a postmortem's content is one flat map. */
export const POSTMORTEM_FIELD_KEYS = [
  "timeWindow",
  "impact",
  "severity",
  "recoveryTime",
  "directCause",
  "rootCause",
  "contributingFactors",
  "detection",
  "response",
  "recovery",
  "verification",
  "immediateImprovement",
  "shortTermImprovement",
  "longTermImprovement",
] as const;
export type PostmortemFieldKey = (typeof POSTMORTEM_FIELD_KEYS)[number];

/** Markdown per field; a missing key and "" both mean "not written yet". */
export type PostmortemSections = Partial<Record<PostmortemFieldKey, string>>;

export interface TemplateField {
  key: PostmortemFieldKey;
  /** the bold label of the manual, e.g. **발생 시간** */
  label: LocalizedText;
  /** the manual's guidance after the label, shown as the editor's placeholder */
  hint: LocalizedText;
  /** must be filled before the report can go to review or be published */
  required: boolean;
}

export interface TemplateSection {
  key: PostmortemSectionKey;
  heading: LocalizedText;
  /** the manual numbers the root-cause questions (1. 2. 3.) and bullets the rest; the export keeps that */
  listStyle: "bullet" | "numbered";
  fields: readonly TemplateField[];
}

/** Title line of an exported report: "장애 보고서: <title>" (from the manual's "장애 보고서 템플릿"). */
export const REPORT_TITLE_PREFIX: LocalizedText = { ko: "장애 보고서", en: "Incident report" };

// Required fields: what a reader needs to trust the report (when, how bad, why, what was done, how we know
// it is fixed, what we change first). Contributing factors and the short/long-term plans are optional
// because many small incidents honestly have none; an empty optional field is exported as "not written".
export const POSTMORTEM_TEMPLATE: readonly TemplateSection[] = [
  {
    key: "summary",
    heading: { ko: "장애 요약", en: "Incident summary" },
    listStyle: "bullet",
    fields: [
      {
        key: "timeWindow",
        label: { ko: "발생 시간", en: "Time window" },
        hint: { ko: "YYYY-MM-DD HH:MM - HH:MM", en: "YYYY-MM-DD HH:MM - HH:MM" },
        required: true,
      },
      {
        key: "impact",
        label: { ko: "영향 범위", en: "Impact" },
        hint: { ko: "사용자 X명, 거래량 Y건 영향", en: "X users, Y transactions affected" },
        required: true,
      },
      { key: "severity", label: { ko: "장애 등급", en: "Severity" }, hint: { ko: "P0/P1/P2/P3", en: "P0/P1/P2/P3" }, required: true },
      { key: "recoveryTime", label: { ko: "복구 시간", en: "Recovery time" }, hint: { ko: "X분", en: "X min" }, required: true },
    ],
  },
  {
    key: "rootCauseAnalysis",
    heading: { ko: "근본 원인 분석", en: "Root cause analysis" },
    listStyle: "numbered",
    fields: [
      {
        key: "directCause",
        label: { ko: "직접 원인", en: "Direct cause" },
        hint: { ko: "무엇이 실패했는가?", en: "What failed?" },
        required: true,
      },
      {
        key: "rootCause",
        label: { ko: "근본 원인", en: "Root cause" },
        hint: { ko: "왜 실패했는가?", en: "Why did it fail?" },
        required: true,
      },
      {
        key: "contributingFactors",
        label: { ko: "기여 요인", en: "Contributing factors" },
        hint: { ko: "다른 어떤 요인들이 있었는가?", en: "What other factors were there?" },
        required: false,
      },
    ],
  },
  {
    key: "responseProcess",
    heading: { ko: "대응 과정", en: "Response" },
    listStyle: "bullet",
    fields: [
      {
        key: "detection",
        label: { ko: "탐지", en: "Detection" },
        hint: { ko: "언제, 어떻게 발견했는가?", en: "When and how was it found?" },
        required: true,
      },
      {
        key: "response",
        label: { ko: "대응", en: "Response" },
        hint: { ko: "어떤 조치를 취했는가?", en: "What actions were taken?" },
        required: true,
      },
      {
        key: "recovery",
        label: { ko: "복구", en: "Recovery" },
        hint: { ko: "어떻게 복구했는가?", en: "How was service restored?" },
        required: true,
      },
      {
        key: "verification",
        label: { ko: "검증", en: "Verification" },
        hint: { ko: "복구를 어떻게 확인했는가?", en: "How was the recovery confirmed?" },
        required: true,
      },
    ],
  },
  {
    key: "improvementPlan",
    heading: { ko: "개선 계획", en: "Improvement plan" },
    listStyle: "bullet",
    fields: [
      {
        key: "immediateImprovement",
        label: { ko: "즉시 개선", en: "Immediate" },
        hint: { ko: "재발 방지를 위한 긴급 조치", en: "Urgent actions to prevent recurrence" },
        required: true,
      },
      {
        key: "shortTermImprovement",
        label: { ko: "단기 개선", en: "Short term" },
        hint: { ko: "1개월 내 완료할 개선 사항", en: "Improvements to finish within a month" },
        required: false,
      },
      {
        key: "longTermImprovement",
        label: { ko: "장기 개선", en: "Long term" },
        hint: { ko: "구조적 개선 계획", en: "Structural improvement plan" },
        required: false,
      },
    ],
  },
];

const FIELD_INDEX: ReadonlyMap<PostmortemFieldKey, { section: TemplateSection; field: TemplateField }> = new Map(
  POSTMORTEM_TEMPLATE.flatMap((section) => section.fields.map((field) => [field.key, { section, field }] as const)),
);

export function templateField(key: PostmortemFieldKey): TemplateField {
  const entry = FIELD_INDEX.get(key);
  if (!entry) throw new Error(`Unknown postmortem field: ${key}`);
  return entry.field;
}

export function sectionOfField(key: PostmortemFieldKey): TemplateSection {
  const entry = FIELD_INDEX.get(key);
  if (!entry) throw new Error(`Unknown postmortem field: ${key}`);
  return entry.section;
}

export const REQUIRED_FIELD_KEYS: readonly PostmortemFieldKey[] = POSTMORTEM_TEMPLATE.flatMap((s) =>
  s.fields.filter((f) => f.required).map((f) => f.key),
);

export const isPostmortemFieldKey = oneOf(POSTMORTEM_FIELD_KEYS);

/** Section headings in template order, in one language (what the export writes as ### headings). */
export function templateHeadings(locale: Locale): string[] {
  return POSTMORTEM_TEMPLATE.map((s) => s.heading[locale]);
}

/** Field labels in template order (what the export writes in bold), for tests and the editor's outline. */
export function templateFieldLabels(locale: Locale): string[] {
  return POSTMORTEM_TEMPLATE.flatMap((s) => s.fields.map((f) => f.label[locale]));
}

/** A field's content is "filled" when it has visible text; whitespace-only does not count. */
export function isFilled(value: string | undefined): boolean {
  return value !== undefined && value.trim().length > 0;
}

export const FIELD_TEXT_MAX = 20_000;

// Saving sections (PUT {sections, version}): strict, so a misspelt field key is an error instead of being
// silently dropped; partial, because autosave sends what the editor has.
export const postmortemSectionsInput = z.strictObject(
  Object.fromEntries(
    POSTMORTEM_FIELD_KEYS.map((key) => [
      key,
      safeString()
        .max(FIELD_TEXT_MAX, `${templateField(key).label.en} is too long (at most ${FIELD_TEXT_MAX} characters).`)
        .optional(),
    ]),
  ) as Record<PostmortemFieldKey, z.ZodOptional<z.ZodString>>,
);
