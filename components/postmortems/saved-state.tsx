"use client";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useNow } from "@/lib/client/use-now";
import { RelativeTime } from "@/components/ui/relative-time";
import type { DraftState } from "./draft-session";

/** "저장됨 · 3초 전": what the autosave is doing, updated every second. */
export function SavedState({
  state,
  serverUpdatedAt,
  serverUpdatedBy,
}: {
  state: DraftState;
  serverUpdatedAt: string;
  serverUpdatedBy: string;
}) {
  const t = useTranslations("postmortems.save");
  const now = useNow(1_000);
  const ago = (at: number) => {
    const s = Math.max(0, Math.round((now - at) / 1000));
    return s < 60 ? t("secondsAgo", { s }) : t("minutesAgo", { m: Math.floor(s / 60) });
  };
  let content: ReactNode;
  let tone = "text-slate-500";
  switch (state.status) {
    case "saving":
      content = t("saving");
      break;
    case "dirty":
      content = t("unsaved");
      tone = "text-amber-700 dark:text-amber-400";
      break;
    case "error":
      content = t("error", { message: state.error ?? "" });
      tone = "text-red-600 dark:text-red-400";
      break;
    case "conflict":
      content = t("conflict");
      tone = "text-red-600 dark:text-red-400";
      break;
    default:
      content = state.lastSavedAt ? (
        t("savedAgo", { ago: ago(state.lastSavedAt) })
      ) : (
        <>
          {t("lastSavedBy", { name: serverUpdatedBy })} <RelativeTime iso={serverUpdatedAt} />
        </>
      );
  }
  return (
    <span className={`text-sm ${tone}`} data-testid="save-state" data-status={state.status} role="status" aria-live="polite">
      {content}
    </span>
  );
}
