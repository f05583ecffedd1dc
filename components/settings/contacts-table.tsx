"use client";
import { useTranslations } from "next-intl";

interface ContactRow { id: string; role: string; name: string; phone: string; email: string; slackHandle: string }

/** Read view of the directory; editing arrives with the escalation work (issue #5). */
export function ContactsTable({ contacts }: { contacts: ContactRow[] }) {
  const t = useTranslations("contacts");
  return (
    <table className="w-full text-sm">
      <thead className="text-left text-xs text-slate-500">
        <tr><th className="py-1">&nbsp;</th><th>{t("name")}</th><th>{t("phone")}</th><th>{t("email")}</th><th>{t("slack")}</th></tr>
      </thead>
      <tbody>
        {contacts.map((c) => (
          <tr key={c.id} className="border-t border-slate-100 dark:border-slate-800">
            <td className="py-1 font-medium">{t(c.role)}</td>
            <td>{c.name || <span className="text-slate-400">{t("empty")}</span>}</td>
            <td>{c.phone}</td>
            <td>{c.email}</td>
            <td>{c.slackHandle}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
