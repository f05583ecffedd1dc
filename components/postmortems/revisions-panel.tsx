"use client";
// Revision history: every save with who and when (consecutive autosaves by one person shown as one
// entry), and any past revision opened read-only next to the editor.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { TitledPanel } from "@/components/ui/panel";
import { toLocale } from "@/lib/i18n/locales";
import { POSTMORTEM_TEMPLATE } from "@/lib/domain/postmortem/template";
import { RelativeTime } from "@/components/ui/relative-time";
import { fetchRevision, fetchRevisions, pmKeys, type RevisionSummaryDto } from "./api";
import { Markdown } from "./markdown";
import { QueryState, STATE_LOOKS } from "@/components/ui/query-state";

/** A failed history is a quiet line, not an announcement (the editor beside it is what matters). */
const NO_ROLE = { ...STATE_LOOKS.plain, errorRole: null };

const SESSION_GAP_MS = 5 * 60_000;

/** Consecutive saves by the same person within 5 minutes are one editing session. */
function groupSessions(items: RevisionSummaryDto[]): { latest: RevisionSummaryDto; count: number }[] {
  const groups: { latest: RevisionSummaryDto; count: number; oldestAt: number }[] = [];
  for (const r of items) {
    const last = groups[groups.length - 1];
    const at = Date.parse(r.createdAt);
    if (last && last.latest.authorName === r.authorName && last.oldestAt - at < SESSION_GAP_MS) {
      last.count += 1;
      last.oldestAt = at;
    } else groups.push({ latest: r, count: 1, oldestAt: at });
  }
  return groups;
}

export function RevisionsPanel({ postmortemId, currentVersion }: { postmortemId: string; currentVersion: number }) {
  const t = useTranslations("postmortems.revisions");
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({
    queryKey: [...pmKeys.revisions(postmortemId), currentVersion],
    queryFn: ({ signal }) => fetchRevisions(postmortemId, signal),
  });
  return (
    <TitledPanel
      id="revisions-heading"
      title={t("title")}
      look={{ title: "mb-2 text-xs font-semibold uppercase text-slate-500" }}
      className="panel p-3"
      testId="revisions"
    >
      <QueryState query={list} look={NO_ROLE} words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}>
        {(data) => (
          <ol className="max-h-72 space-y-1 overflow-auto text-sm">
            {groupSessions(data.items).map(({ latest, count }) => (
              <li key={latest.id} className="flex items-baseline gap-2" data-testid="revision">
                <button
                  type="button"
                  className="text-blue-700 underline dark:text-blue-400"
                  onClick={() => setOpen(latest.version)}
                  data-testid={`view-revision-${latest.version}`}
                >
                  v{latest.version}
                </button>
                <span className="min-w-0 flex-1 truncate">
                  {latest.authorName}
                  {count > 1 ? ` · ${t("saves", { count })}` : ""}
                </span>
                <RelativeTime iso={latest.createdAt} />
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      {open !== null && <RevisionView postmortemId={postmortemId} version={open} onClose={() => setOpen(null)} />}
    </TitledPanel>
  );
}

function RevisionView({ postmortemId, version, onClose }: { postmortemId: string; version: number; onClose: () => void }) {
  const t = useTranslations("postmortems.revisions");
  const locale = toLocale(useLocale());
  const revision = useQuery({
    queryKey: pmKeys.revision(postmortemId, version),
    queryFn: ({ signal }) => fetchRevision(postmortemId, version, signal),
    staleTime: Infinity,
  });
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="revision-heading"
      className="fixed inset-0 z-40 flex items-start justify-center overflow-auto bg-slate-900/50 p-4"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
      data-testid="revision-view"
    >
      <div className="panel w-full max-w-3xl space-y-3 p-4">
        <div className="flex items-center gap-2">
          <h2 id="revision-heading" className="font-semibold">
            {t("viewing", { version })}
            {revision.data && (
              <span className="ml-2 text-sm font-normal text-slate-500">
                {revision.data.authorName} · <RelativeTime iso={revision.data.createdAt} />
              </span>
            )}
          </h2>
          <button type="button" className="btn ml-auto" onClick={onClose} autoFocus>
            {t("close")}
          </button>
        </div>
        <QueryState query={revision} look={NO_ROLE} words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}>
          {(data) =>
            POSTMORTEM_TEMPLATE.map((section) => (
              <section key={section.key} className="space-y-2">
                <h3 className="font-semibold">{section.heading[locale]}</h3>
                {section.fields.map((f) => (
                  <div key={f.key}>
                    <p className="text-xs font-medium text-slate-500">{f.label[locale]}</p>
                    {data.sections[f.key]?.trim() ? (
                      <Markdown text={data.sections[f.key] ?? ""} />
                    ) : (
                      <p className="text-sm italic text-slate-400">{t("notWritten")}</p>
                    )}
                  </div>
                ))}
              </section>
            ))
          }
        </QueryState>
      </div>
    </div>
  );
}
