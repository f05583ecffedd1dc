import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { CONTACT_ROLES } from "@/lib/domain/contacts";
import { listSchedules } from "@/lib/server/oncall/store";
import { OnCallNow } from "@/components/oncall/oncall-now";

export const metadata = { title: "On call" };

export default async function OnCallPage() {
  const actor = await requireActor();
  const t = await getTranslations("oncall");
  const roles = await getTranslations("contacts");
  const reach = await getTranslations("reach.readiness");
  const schedules = new Map((await listSchedules()).map((s) => [s.role, s]));
  const canEdit = can(actor.role, "oncall.edit");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <Link href="/oncall/me" className="text-sm text-blue-700 underline dark:text-blue-400">
          {t("myShiftsTitle")}
        </Link>
        {can(actor.role, "users.manage") && (
          <Link href="/oncall/readiness" className="text-sm text-blue-700 underline dark:text-blue-400">
            {reach("title")}
          </Link>
        )}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>
      <OnCallNow variant="page" />
      <section className="panel p-3" aria-labelledby="schedules-title">
        <h2 id="schedules-title" className="mb-2 text-sm font-semibold">
          {t("schedulesTitle")}
        </h2>
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700" data-testid="schedule-list">
          {CONTACT_ROLES.map((role) => {
            const schedule = schedules.get(role);
            return (
              <li key={role} className="flex min-h-11 flex-wrap items-center gap-x-3 py-1">
                <span className="w-40 font-medium">{roles(role)}</span>
                {schedule ? (
                  <Link
                    href={`/oncall/${schedule.id}`}
                    className="text-blue-700 underline dark:text-blue-400"
                    data-testid={`schedule-link-${role}`}
                  >
                    {schedule.name} · {t("layerCount", { count: schedule.layers.length })}
                  </Link>
                ) : canEdit ? (
                  <Link
                    href={`/oncall/new?role=${role}`}
                    className="text-blue-700 underline dark:text-blue-400"
                    data-testid={`schedule-create-${role}`}
                  >
                    {t("create")}
                  </Link>
                ) : (
                  <span className="text-slate-500">{t("noSchedule")}</span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
