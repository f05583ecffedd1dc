import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { getTimeline } from "@/lib/server/incidents";
import { PostmortemEditor } from "@/components/postmortems/editor";
import { TimelinePanel } from "@/components/postmortems/timeline-panel";
import { loadPostmortem } from "./load";

export const metadata = { title: "Postmortem" };

export default async function PostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const pm = await loadPostmortem((await params).id);
  const timeline = await getTimeline(pm.incidentId);
  return (
    <PostmortemEditor
      initial={pm}
      role={actor.role}
      canEdit={can(actor.role, "postmortem.edit")}
      timelinePanel={<TimelinePanel incidentId={pm.incidentId} events={timeline} />}
    />
  );
}
