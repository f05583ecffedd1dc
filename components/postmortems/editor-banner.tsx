"use client";
// What the editor must tell the user in words: a refused save (and that their text is safe), a merge
// done for them, a restored draft, a published report.
import { useTranslations } from "next-intl";
import { RelativeTime } from "@/components/ui/relative-time";
import type { DraftState } from "./draft-session";

export function EditorBanner({ state, published, canEdit }: { state: DraftState | null; published: boolean; canEdit: boolean }) {
  const t = useTranslations("postmortems.banner");
  if (published && canEdit) {
    return (
      <p className="panel border-emerald-300 p-3 text-sm dark:border-emerald-800" data-testid="banner-published">
        {t("published")}
      </p>
    );
  }
  if (!state) return null;
  if (state.conflict) {
    const { theirs, conflicts, message } = state.conflict;
    return (
      <div
        className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        role="alert"
        data-testid="conflict-banner"
      >
        <p className="font-semibold">{message ? t("refusedTitle") : t("restoredConflictTitle")}</p>
        <p>
          {t("refusedBody", { name: theirs.updatedByName, count: conflicts.length })} <RelativeTime iso={theirs.updatedAt} />
        </p>
        <p className="mt-1">{t("refusedKept")}</p>
      </div>
    );
  }
  if (state.notice?.kind === "merged") {
    return (
      <p
        className="rounded bg-blue-50 p-2 text-sm text-blue-900 dark:bg-blue-950 dark:text-blue-200"
        role="status"
        data-testid="merged-notice"
      >
        {t("merged", { name: state.notice.by ?? "?" })}
      </p>
    );
  }
  if (state.notice?.kind === "restored") {
    return (
      <p
        className="rounded bg-blue-50 p-2 text-sm text-blue-900 dark:bg-blue-950 dark:text-blue-200"
        role="status"
        data-testid="restored-notice"
      >
        {t("restored")}
      </p>
    );
  }
  return null;
}
