"use client";
// One template field: Markdown on the left, the live (sanitised) preview on the right; the prefilled
// facts it holds with their sources; and, after a refused save, the other person's text to merge with.
import { memo, useDeferredValue } from "react";
import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import type { FieldConflict } from "@/lib/domain/postmortem/merge";
import type { PrefillFact } from "@/lib/domain/postmortem/prefill";
import type { PostmortemFieldKey, TemplateField } from "@/lib/domain/postmortem/template";
import { Markdown } from "./markdown";
import { FieldFacts } from "./facts";

export type ConflictDecision = "mine" | "theirs" | "both";

interface Props {
  field: TemplateField;
  value: string;
  readOnly: boolean;
  onChange: (key: PostmortemFieldKey, value: string) => void;
  facts: PrefillFact[];
  incidentId: number;
  missing: boolean;
  conflict?: FieldConflict<PostmortemFieldKey>;
  conflictBy?: string;
  onDecide: (key: PostmortemFieldKey, decision: ConflictDecision) => void;
}

function rowsFor(text: string): number {
  return Math.min(18, Math.max(3, text.split("\n").length + 1));
}

export const FieldEditor = memo(function FieldEditor({
  field,
  value,
  readOnly,
  onChange,
  facts,
  incidentId,
  missing,
  conflict,
  conflictBy,
  onDecide,
}: Props) {
  const t = useTranslations("postmortems.editor");
  const locale = toLocale(useLocale());
  // The preview may lag a keystroke behind on a very long field; typing never waits for it. It starts
  // empty, so opening a long report is interactive before fourteen previews are rendered.
  const preview = useDeferredValue(value, "");
  const stale = preview !== value;
  const id = `input-${field.key}`;
  const label = field.label[locale];
  return (
    <div id={`field-${field.key}`} data-testid={`field-${field.key}`} className="scroll-mt-24 space-y-1">
      <label htmlFor={id} className="flex items-baseline gap-2 text-sm font-medium">
        {label}
        {field.required && <span className="text-xs font-normal text-slate-500">{t("required")}</span>}
      </label>
      {readOnly ? (
        <div className="rounded border border-slate-200 p-2 dark:border-slate-800" data-testid={`preview-${field.key}`}>
          {value.trim() ? <Markdown text={value} /> : <p className="text-sm italic text-slate-400">{t("notWritten")}</p>}
        </div>
      ) : (
        <div className="grid gap-2 md:grid-cols-2">
          <textarea
            id={id}
            data-testid={id}
            className="input font-mono text-[13px]"
            rows={rowsFor(value)}
            value={value}
            placeholder={field.hint[locale]}
            aria-invalid={missing || Boolean(conflict)}
            aria-describedby={missing ? `${id}-missing` : undefined}
            onChange={(e) => onChange(field.key, e.target.value)}
          />
          <div
            className="min-h-16 rounded border border-dashed border-slate-200 p-2 dark:border-slate-700"
            aria-label={t("previewOf", { label })}
            data-testid={`preview-${field.key}`}
          >
            {preview.trim() ? (
              <Markdown text={preview} className={stale ? "opacity-60" : ""} />
            ) : stale ? null : (
              <p className="text-sm italic text-slate-400">{t("previewEmpty")}</p>
            )}
          </div>
        </div>
      )}
      <FieldFacts facts={facts} incidentId={incidentId} />
      {missing && (
        <p id={`${id}-missing`} className="field-error">
          {t("missingField")}
        </p>
      )}
      {conflict && (
        <div
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950"
          data-testid={`conflict-${field.key}`}
        >
          <p className="font-medium text-amber-900 dark:text-amber-200">{t("theirVersion", { name: conflictBy ?? "?" })}</p>
          <pre
            className="my-2 max-h-60 overflow-auto whitespace-pre-wrap break-words rounded bg-white p-2 font-sans dark:bg-slate-900"
            data-testid={`theirs-${field.key}`}
          >
            {conflict.theirs || t("theirsEmpty")}
          </pre>
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn" onClick={() => onDecide(field.key, "both")} data-testid={`keep-both-${field.key}`}>
              {t("keepBoth")}
            </button>
            <button type="button" className="btn" onClick={() => onDecide(field.key, "mine")} data-testid={`keep-mine-${field.key}`}>
              {t("keepMine")}
            </button>
            <button type="button" className="btn" onClick={() => onDecide(field.key, "theirs")} data-testid={`take-theirs-${field.key}`}>
              {t("takeTheirs")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
});
