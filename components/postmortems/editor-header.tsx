"use client";
// The editor's header: which incident, the workflow (draft → in review → published), the autosave
// state, and the ways out (Markdown export, print).
import Link from "next/link";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import { apiFetch, ApiError } from "@/lib/client/api";
import { allowedPostmortemTransitions, type PostmortemStatus } from "@/lib/domain/postmortem/publish";
import type { Role } from "@/lib/domain/roles";
import { isPostmortemFieldKey, templateField } from "@/lib/domain/postmortem/template";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { pmKeys, type PostmortemDto } from "./api";
import type { DraftState } from "./draft-session";
import { SavedState } from "./saved-state";
import { StatusBadge } from "./status-badge";

interface Props {
  pm: PostmortemDto;
  role: Role;
  canEdit: boolean;
  draft: DraftState | null;
  /** saves pending text first, so a status change never runs ahead of the words */
  beforeTransition: () => Promise<void>;
  onMissing: (keys: string[]) => void;
}

const ACTION: Record<string, string> = {
  "draft>in_review": "submit",
  "in_review>draft": "requestChanges",
  "in_review>published": "publish",
  "published>draft": "reopen",
};

export function EditorHeader({ pm, role, canEdit, draft, beforeTransition, onMissing }: Props) {
  const t = useTranslations("postmortems");
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const [askReason, setAskReason] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const locale = toLocale(useLocale());
  const move = useMutation({
    mutationFn: async (to: PostmortemStatus) => {
      await beforeTransition();
      return apiFetch<PostmortemDto>(`/api/v1/postmortems/${pm.id}/transition`, {
        method: "POST",
        json: { to, ...(to === "draft" && pm.status === "published" ? { reason } : {}) },
      });
    },
    onSuccess: (data) => {
      onMissing([]);
      setMissing([]);
      setAskReason(false);
      setReason("");
      client.setQueryData(pmKeys.postmortem(pm.id), data);
      void client.invalidateQueries({ queryKey: pmKeys.list() });
    },
    onError: (error) => {
      const keys =
        error instanceof ApiError && error.fields
          ? Object.keys(error.fields)
              .filter((k) => k.startsWith("sections."))
              .map((k) => k.slice(9))
          : [];
      onMissing(keys);
      setMissing(keys);
    },
  });
  const targets = canEdit ? allowedPostmortemTransitions(pm.status, role) : [];

  return (
    <header className="panel space-y-3 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <SeverityBadge severity={pm.incident.severity} />
        <h1 className="text-xl font-semibold" data-testid="postmortem-title">
          {pm.title}
        </h1>
        <StatusBadge status={pm.status} />
        <span className="ml-auto">
          {draft && <SavedState state={draft} serverUpdatedAt={pm.updatedAt} serverUpdatedBy={pm.updatedByName} />}
        </span>
      </div>
      <p className="text-sm text-slate-500">
        <Link className="text-blue-700 underline dark:text-blue-400" href={`/incidents/${pm.incident.id}`} data-testid="incident-link">
          {t("editor.incident", { id: pm.incident.id })}
        </Link>
        {" · "}
        {t(`incidentStatus.${pm.incident.status}`)}
        {!canEdit && (
          <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800" data-testid="read-only">
            {t("editor.readOnly")}
          </span>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {targets.map((to) => {
          const action = ACTION[`${pm.status}>${to}`] ?? "move";
          const needsReason = action === "reopen";
          return (
            <button
              key={to}
              type="button"
              className={to === "published" || to === "in_review" ? "btn-primary" : "btn"}
              disabled={move.isPending}
              data-testid={`transition-${to}`}
              onClick={() => (needsReason && !askReason ? setAskReason(true) : move.mutate(to))}
            >
              {t(`workflow.${action}`)}
            </button>
          );
        })}
        {askReason && (
          <input
            className="input max-w-sm"
            aria-label={t("workflow.reopenReason")}
            placeholder={t("workflow.reopenReason")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        <span className="ml-auto flex gap-2">
          <a className="btn" href={`/api/v1/postmortems/${pm.id}/export.md?download=1`} data-testid="export-markdown" download>
            {t("editor.exportMarkdown")}
          </a>
          <Link className="btn" href={`/postmortems/${pm.id}/print`} data-testid="print-link">
            {t("editor.print")}
          </Link>
        </span>
      </div>
      {move.isError && (
        <p
          className="rounded bg-red-50 p-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          role="alert"
          data-testid="transition-error"
        >
          {missing.length > 0
            ? t("workflow.incomplete", {
                fields: missing
                  .filter(isPostmortemFieldKey)
                  .map((k) => templateField(k).label[locale])
                  .join(", "),
              })
            : move.error.message}
        </p>
      )}
    </header>
  );
}
