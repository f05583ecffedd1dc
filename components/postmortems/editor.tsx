"use client";
// The postmortem editor: the manual's template with Markdown and live preview per field, autosave with
// merge on conflict, prefilled facts linked to their sources, action items, checklists and revisions.
// Viewers get the same page read-only: no inputs, no buttons (the server refuses their writes anyway).
import { useCallback, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useLiveTopics } from "@/lib/client/use-live";
import { canEditSections } from "@/lib/domain/postmortem/publish";
import type { PostmortemFieldKey } from "@/lib/domain/postmortem/template";
import type { Role } from "@/lib/domain/roles";
import { fetchPostmortem, pmKeys, type PostmortemDto, type SectionsStateDto } from "./api";
import { useDraftSession } from "./use-draft-session";
import { EditorHeader } from "./editor-header";
import { EditorBanner } from "./editor-banner";
import { SectionsForm } from "./sections-form";
import { FactsPanel } from "./facts";
import { ActionItemsPanel } from "./action-items-panel";
import { ChecklistsPanel } from "./checklists-panel";
import { RevisionsPanel } from "./revisions-panel";
import type { ConflictDecision } from "./field-editor";

interface Props {
  initial: PostmortemDto;
  /** the incident's timeline, rendered on the server (see timeline-panel.tsx) */
  timelinePanel: ReactNode;
  role: Role;
  canEdit: boolean;
}

export function PostmortemEditor({ initial, timelinePanel, role, canEdit }: Props) {
  const id = initial.id;
  const query = useQuery({
    queryKey: pmKeys.postmortem(id),
    queryFn: ({ signal }) => fetchPostmortem(id, signal),
    initialData: initial,
    refetchInterval: 30_000,
  });
  useLiveTopics([`postmortem:${id}`], () => [pmKeys.postmortem(id)]);
  const pm = query.data;
  const editable = canEdit && canEditSections(pm.status);
  // The sections belong to a version: a new server state is exactly a new version.
  const server = useMemo<SectionsStateDto>(
    () => ({ sections: pm.sections, version: pm.version, updatedAt: pm.updatedAt, updatedByName: pm.updatedByName }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pm.version],
  );
  const { session, state } = useDraftSession(id, server, editable);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const onChange = useCallback((key: PostmortemFieldKey, value: string) => session.edit(key, value), [session]);
  const onDecide = useCallback((key: PostmortemFieldKey, decision: ConflictDecision) => session.decide(key, decision), [session]);
  const onMissing = useCallback((keys: string[]) => setMissing(new Set(keys)), []);
  // Set once the page is interactive (tests and scripts wait for it instead of racing hydration).
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const beforeTransition = useCallback(() => (editable ? session.flush() : Promise.resolve()), [editable, session]);

  return (
    <div className="space-y-4" data-testid="postmortem-editor" data-editable={editable} data-ready={ready}>
      <EditorHeader
        pm={pm}
        role={role}
        canEdit={canEdit}
        draft={editable ? state : null}
        beforeTransition={beforeTransition}
        onMissing={onMissing}
      />
      {query.isError && (
        <p className="text-sm text-red-600" role="alert">
          {query.error.message}
        </p>
      )}
      <EditorBanner state={editable ? state : null} published={pm.status === "published"} canEdit={canEdit} />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-4">
          <SectionsForm
            values={editable ? state.draft : pm.sections}
            readOnly={!editable}
            onChange={onChange}
            facts={pm.facts}
            incidentId={pm.incidentId}
            missing={missing}
            conflict={editable ? state.conflict : null}
            onDecide={onDecide}
          />
          <ActionItemsPanel pm={pm} canEdit={canEdit} />
          {timelinePanel}
        </div>
        <aside className="space-y-4">
          <FactsPanel facts={pm.facts} incidentId={pm.incidentId} />
          <ChecklistsPanel pm={pm} canEdit={canEdit} />
          <RevisionsPanel postmortemId={pm.id} currentVersion={pm.version} />
        </aside>
      </div>
    </div>
  );
}

/** Nothing to subscribe to: with useSyncExternalStore this tells server/hydration (false) from client (true). */
function noSubscription(): () => void {
  return () => undefined;
}
