// The report on paper: the same structure as the Markdown export (template 5.1 headings in the chosen
// language, bold labels, numbered root-cause questions, action items, checklists 5.2), black on white.
import { POSTMORTEM_TEMPLATE, REPORT_TITLE_PREFIX } from "@/lib/domain/postmortem/template";
import { PREVENTION_CHECKLISTS, PREVENTION_SECTION_TITLE } from "@/lib/domain/postmortem/checklists";
import { ACTION_ITEM_STATUS_LABELS, HORIZON_LABELS } from "@/lib/domain/postmortem/action-items";
import { POSTMORTEM_STATUS_LABELS } from "@/lib/domain/postmortem/publish";
import { formatDateTime } from "@/lib/domain/postmortem/time";
import type { Locale } from "@/lib/i18n/locales";
import type { PostmortemDto } from "@/lib/server/postmortems/dto";
import { Markdown } from "./markdown";

const TEXT = {
  notWritten: { ko: "(미작성)", en: "(not written)" },
  actionItems: { ko: "후속 조치 항목", en: "Action items" },
  noActionItems: { ko: "(후속 조치 항목 없음)", en: "(no action items)" },
  columns: { ko: ["항목", "담당자", "기한", "구분", "상태"], en: ["Item", "Owner", "Due", "Horizon", "Status"] },
  meta: { ko: "장애", en: "Incident" },
} as const;

export function PrintView({ pm, locale }: { pm: PostmortemDto; locale: Locale }) {
  return (
    <article className="mx-auto max-w-3xl space-y-5 bg-white p-6 text-slate-900 print:max-w-none print:p-0" data-testid="print-view">
      <header>
        <h1 className="text-2xl font-bold">
          {REPORT_TITLE_PREFIX[locale]}: {pm.title}
        </h1>
        <p className="text-sm text-slate-600">
          {TEXT.meta[locale]} #{pm.incident.id} · {pm.incident.severity} · {POSTMORTEM_STATUS_LABELS[pm.status][locale]} ·{" "}
          {formatDateTime(new Date(pm.updatedAt))} ({pm.updatedByName})
        </p>
      </header>
      {POSTMORTEM_TEMPLATE.map((section) => {
        const List = section.listStyle === "numbered" ? "ol" : "ul";
        return (
          <section key={section.key} className="break-inside-avoid-page space-y-2">
            <h2 className="border-b border-slate-300 pb-1 text-lg font-semibold">{section.heading[locale]}</h2>
            <List className={`${section.listStyle === "numbered" ? "list-decimal" : "list-disc"} space-y-2 pl-6`}>
              {section.fields.map((field) => {
                const value = pm.sections[field.key] ?? "";
                return (
                  <li key={field.key}>
                    <strong>{field.label[locale]}</strong>:{" "}
                    {value.trim() ? (
                      <Markdown text={value} className="mt-1" />
                    ) : (
                      <em className="text-slate-500">{TEXT.notWritten[locale]}</em>
                    )}
                  </li>
                );
              })}
            </List>
          </section>
        );
      })}
      <section className="break-inside-avoid-page space-y-2">
        <h2 className="border-b border-slate-300 pb-1 text-lg font-semibold">{TEXT.actionItems[locale]}</h2>
        {pm.actionItems.length === 0 ? (
          <p className="italic text-slate-500">{TEXT.noActionItems[locale]}</p>
        ) : (
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr>
                {TEXT.columns[locale].map((c) => (
                  <th key={c} className="border border-slate-300 px-2 py-1 text-left">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pm.actionItems.map((i) => (
                <tr key={i.id}>
                  <td className="border border-slate-300 px-2 py-1">{i.title}</td>
                  <td className="border border-slate-300 px-2 py-1">{i.owner}</td>
                  <td className="border border-slate-300 px-2 py-1 tabular-nums">{i.dueDate}</td>
                  <td className="border border-slate-300 px-2 py-1">{HORIZON_LABELS[i.horizon][locale]}</td>
                  <td className="border border-slate-300 px-2 py-1">{ACTION_ITEM_STATUS_LABELS[i.status][locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="break-inside-avoid-page space-y-2">
        <h2 className="border-b border-slate-300 pb-1 text-lg font-semibold">{PREVENTION_SECTION_TITLE[locale]}</h2>
        {PREVENTION_CHECKLISTS.map((list) => (
          <div key={list.key}>
            <h3 className="font-semibold">{list.title[locale]}</h3>
            <ul className="space-y-0.5 pl-1">
              {list.items.map((item) => {
                const mark = pm.checklist[item.key];
                return (
                  <li key={item.key}>
                    <span aria-hidden>{mark?.checked ? "☑" : "☐"}</span> {item.label[locale]}
                    {mark?.checked && mark.by && (
                      <span className="text-sm text-slate-600">
                        {" "}
                        ({mark.by}
                        {mark.at ? `, ${formatDateTime(new Date(mark.at))}` : ""})
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </section>
    </article>
  );
}
