import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { listPeople } from "@/lib/server/oncall/people";
import { ScheduleEditor } from "@/components/oncall/schedule-editor";
import { now } from "@/lib/server/clock";

export const metadata = { title: "On-call schedule" };

export default async function SchedulePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  return (
    <ScheduleEditor
      scheduleId={id}
      role=""
      people={await listPeople()}
      canEdit={can(actor.role, "oncall.edit")}
      today={now().toISOString().slice(0, 10)}
    />
  );
}
