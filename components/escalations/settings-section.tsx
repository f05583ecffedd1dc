// Settings (admins): which adapter delivers each channel (secrets masked), configuration mistakes, and
// the business hours that hold P3 notifications. The contacts directory has its own section.
import { getTranslations } from "next-intl/server";
import { describeChannels } from "@/lib/server/escalations/config";
import { getBusinessHours } from "@/lib/server/escalations/settings";
import { BusinessHoursForm } from "./business-hours-form";
import { PagingReadinessPanel } from "./readiness";
import { DataTable } from "@/components/ui/data-table";

export async function EscalationsSettingsSection() {
  const t = await getTranslations("escalations");
  const { channels, problems } = describeChannels();
  const hours = await getBusinessHours();
  return (
    <section className="panel space-y-4 p-4" data-testid="escalation-settings">
      <h2 className="font-semibold">{t("settings.title")}</h2>
      <div className="space-y-2">
        <h3 className="text-sm font-medium">{t("settings.channels")}</h3>
        <p className="text-xs text-slate-500">{t("settings.routes")}</p>
        <DataTable
          uppercase={false}
          cell="pr-3"
          head={[{ label: t("outbox.channelCol"), cell: "py-1 pr-3" }, t("settings.adapter"), { label: t("settings.target"), cell: "" }]}
        >
          {channels.map((c) => (
            <tr
              key={`${c.channel}${c.target ?? ""}`}
              className="border-t border-slate-100 dark:border-slate-800"
              data-testid={`channel-${c.channel}${c.target ?? ""}`}
            >
              <td className="py-1 pr-3 font-medium">
                {t(`channel.${c.channel}`)} {c.target}
              </td>
              <td className={`pr-3 ${c.adapter === "outbox" ? "text-slate-500" : ""}`}>{c.adapter}</td>
              <td className="font-mono text-xs break-all">{c.detail}</td>
            </tr>
          ))}
        </DataTable>
        <p className="text-xs text-slate-500">{t("settings.channelsHelp")}</p>
        {problems.length > 0 && (
          <div
            role="status"
            className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
          >
            <p className="font-medium">{t("settings.problems")}</p>
            <ul className="list-disc pl-5">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="space-y-2" id="paging-readiness" data-testid="settings-readiness">
        <h3 className="text-sm font-medium">{t("readiness.title")}</h3>
        <p className="text-xs text-slate-500">{t("readiness.help")}</p>
        <PagingReadinessPanel variant="settings" />
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-medium">{t("settings.businessHours")}</h3>
        <BusinessHoursForm initial={hours} />
      </div>
    </section>
  );
}
