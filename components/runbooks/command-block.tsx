"use client";
// A runbook command: monospace with a copy button, never executed by the app. Where the manual's command
// is wrong or dangerous, the corrected command comes first with the reason, and the manual's text is
// struck through below it; for a caution the manual's text stays usable and the note says what to know.
import { useTranslations } from "next-intl";
import { commandToRun, type RunbookCommand } from "@/lib/domain/runbooks";
import { CopyButton } from "./copy-button";

const ISSUE_STYLE = {
  wrong: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200",
  dangerous: "border-orange-300 bg-orange-50 text-orange-900 dark:border-orange-900 dark:bg-orange-950/40 dark:text-orange-200",
  caution: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200",
} as const;

/** The notes quote commands in `backticks`: show those parts as code. */
function NoteText({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-black/5 px-0.5 font-mono dark:bg-white/10">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

function Code({ text, language }: { text: string; language: string }) {
  return (
    <pre
      className="min-w-0 flex-1 overflow-x-auto whitespace-pre-wrap break-all font-mono text-[13px] leading-relaxed"
      data-language={language}
    >
      <code>{text}</code>
    </pre>
  );
}

export function CommandBlock({ command, stepId, locale }: { command: RunbookCommand; stepId: string; locale: "ko" | "en" }) {
  const t = useTranslations("diagnostics.runbook");
  const toRun = commandToRun(command);
  const struck = command.corrected !== undefined && (command.issue === "wrong" || command.issue === "dangerous");
  return (
    <div className="mt-1.5 space-y-1" data-testid={`command-${stepId}`} data-issue={command.issue ?? "none"}>
      <div className="flex items-start gap-2 rounded bg-slate-900 px-3 py-2 text-slate-100 dark:bg-black">
        <div className="min-w-0 flex-1">
          {command.corrected !== undefined && (
            <p className="mb-0.5 text-[11px] font-semibold uppercase tracking-wide text-emerald-300">{t("corrected")}</p>
          )}
          {command.source === "added" && command.corrected === undefined && (
            <p className="mb-0.5 text-[11px] font-semibold uppercase tracking-wide text-sky-300">{t("addedCommand")}</p>
          )}
          <Code text={toRun} language={command.language} />
        </div>
        <CopyButton text={toRun} testId={`copy-${stepId}`} />
      </div>
      {command.issue && command.note && (
        <p className={`rounded border px-2 py-1 text-xs ${ISSUE_STYLE[command.issue]}`} data-testid={`note-${stepId}`}>
          <span className="font-semibold">{t(`issue.${command.issue}`)}</span> <NoteText text={command.note[locale]} />
        </p>
      )}
      {command.corrected !== undefined && (
        <div className="flex items-start gap-2 px-1 text-xs text-slate-500">
          <span className="shrink-0">{t("manualSays")}</span>
          <code
            className={`min-w-0 whitespace-pre-wrap break-all font-mono ${struck ? "line-through decoration-red-500 decoration-2" : ""}`}
            data-testid={`manual-${stepId}`}
          >
            {command.text}
          </code>
        </div>
      )}
    </div>
  );
}
