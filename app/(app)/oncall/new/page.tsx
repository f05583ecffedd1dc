import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { isContactRole } from "@/lib/domain/contacts";
import { listPeople } from "@/lib/server/oncall/people";
import { now } from "@/lib/server/clock";
import { ScheduleEditor } from "@/components/oncall/schedule-editor";
import { Forbidden } from "@/components/layout/forbidden";

export const metadata = { title: "New on-call schedule" };

export default async function NewSchedulePage({ searchParams }: { searchParams: Promise<{ role?: string }> }) {
  const actor = await requireActor();
  const role = (await searchParams).role;
  if (!isContactRole(role)) notFound();
  if (!can(actor.role, "oncall.edit")) {
    const t = await getTranslations();
    return <Forbidden permission="oncall.edit" what={t("oncall.create")} back={{ href: "/oncall", label: `← ${t("nav.oncall")}` }} />;
  }
  return <ScheduleEditor scheduleId={null} role={role} people={await listPeople()} canEdit today={now().toISOString().slice(0, 10)} />;
}
