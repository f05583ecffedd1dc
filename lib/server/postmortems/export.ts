import "server-only";
// Markdown export of a postmortem, following the manual's template (5.1) and checklists (5.2).
import { exportMarkdown } from "@/lib/domain/postmortem/export";
import type { Locale } from "@/lib/i18n/locales";
import { getPostmortem } from "./postmortems";

export async function exportPostmortemMarkdown(id: string, locale: Locale = "ko"): Promise<{ markdown: string; filename: string }> {
  const pm = await getPostmortem(id);
  const markdown = exportMarkdown(
    { title: pm.title, sections: pm.sections, actionItems: pm.actionItems, checklist: pm.checklist },
    { locale },
  );
  return { markdown, filename: `postmortem-incident-${pm.incidentId}.md` };
}
