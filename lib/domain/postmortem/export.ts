// Markdown export that follows the manual's template (5.1) exactly: the same headings, the same bold
// labels, the same list styles, in the reader's language; then the action items and the prevention
// checklists (5.2). The report can be pasted into a wiki and read side by side with the manual.
import type { Locale } from "@/lib/i18n/locales";
import { ACTION_ITEM_STATUS_LABELS, HORIZON_LABELS, type ActionItem } from "./action-items";
import { PREVENTION_CHECKLISTS, PREVENTION_SECTION_TITLE, type ChecklistState } from "./checklists";
import { POSTMORTEM_TEMPLATE, REPORT_TITLE_PREFIX, isFilled, type LocalizedText, type PostmortemSections } from "./template";
import { DEFAULT_TIME_ZONE, formatDateTime, parseIso } from "./time";

export { templateHeadings, templateFieldLabels } from "./template";

export interface PostmortemForExport {
  title: string;
  sections: PostmortemSections;
  actionItems?: readonly ActionItem[];
  checklist?: ChecklistState;
}

export interface ExportOptions {
  locale: Locale;
  timeZone?: string;
}

const TEXT = {
  notWritten: { ko: "_(미작성)_", en: "_(not written)_" },
  actionItems: { ko: "후속 조치 항목", en: "Action items" },
  noActionItems: { ko: "_(후속 조치 항목 없음)_", en: "_(no action items)_" },
  columns: {
    ko: ["항목", "담당자", "기한", "구분", "상태"],
    en: ["Item", "Owner", "Due", "Horizon", "Status"],
  },
} satisfies Record<string, LocalizedText | { ko: string[]; en: string[] }>;

/** A value that starts with block syntax cannot follow "**label**:" on the same line. */
const BLOCK_START = /^(\s*([-*+]\s|\d+[.)]\s|#|>|\||```|~~~))/;

/**
 * One template field as a list item. Multi-line Markdown (the prefilled timeline, the writer's own
 * lists) is indented under the item by the marker's width, so it stays inside that item and the
 * report's structure cannot be broken by what someone typed.
 */
function fieldItem(marker: string, label: string, value: string | undefined, locale: Locale): string {
  const head = `${marker} **${label}**:`;
  if (!isFilled(value) || value === undefined) return `${head} ${TEXT.notWritten[locale]}`;
  const indent = " ".repeat(marker.length + 1);
  const lines = value
    .replace(/\r\n?/g, "\n")
    .replace(/^\s*\n|\s+$/g, "")
    .split("\n");
  const indented = (ls: string[]) => ls.map((l) => (l.trim() === "" ? "" : `${indent}${l}`));
  if (BLOCK_START.test(lines[0])) return [head, ...indented(lines)].join("\n");
  return [`${head} ${lines[0].trim()}`, ...indented(lines.slice(1))].join("\n");
}

function tableCell(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");
}

function actionItemsTable(items: readonly ActionItem[], locale: Locale): string[] {
  if (items.length === 0) return [TEXT.noActionItems[locale]];
  const cols = TEXT.columns[locale];
  return [
    `| ${cols.join(" | ")} |`,
    `|${cols.map(() => "---").join("|")}|`,
    ...items.map(
      (i) =>
        `| ${tableCell(i.title)} | ${tableCell(i.owner)} | ${i.dueDate} | ${HORIZON_LABELS[i.horizon][locale]} | ${ACTION_ITEM_STATUS_LABELS[i.status][locale]} |`,
    ),
  ];
}

function checklistLines(state: ChecklistState, locale: Locale, timeZone: string): string[] {
  const out: string[] = [];
  for (const list of PREVENTION_CHECKLISTS) {
    out.push("", `#### ${list.title[locale]}`);
    for (const item of list.items) {
      const mark = state[item.key];
      if (!mark?.checked) {
        out.push(`- [ ] ${item.label[locale]}`);
        continue;
      }
      const who = [
        mark.by ? tableCell(mark.by) : null,
        mark.at ? formatDateTime(parseIso(mark.at, `Checklist ${item.key}`), timeZone) : null,
      ]
        .filter((x): x is string => x !== null)
        .join(", ");
      out.push(`- [x] ${item.label[locale]}${who ? ` (${who})` : ""}`);
    }
  }
  return out;
}

export function exportMarkdown(postmortem: PostmortemForExport, options: ExportOptions): string {
  const { locale } = options;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const title = postmortem.title.replace(/\s+/g, " ").trim();
  const out: string[] = [`## ${REPORT_TITLE_PREFIX[locale]}: ${title}`];

  for (const section of POSTMORTEM_TEMPLATE) {
    out.push("", `### ${section.heading[locale]}`);
    section.fields.forEach((field, index) => {
      const marker = section.listStyle === "numbered" ? `${index + 1}.` : "-";
      out.push(fieldItem(marker, field.label[locale], postmortem.sections[field.key], locale));
    });
  }

  out.push("", `### ${TEXT.actionItems[locale]}`, "", ...actionItemsTable(postmortem.actionItems ?? [], locale));
  out.push("", `### ${PREVENTION_SECTION_TITLE[locale]}`, ...checklistLines(postmortem.checklist ?? {}, locale, timeZone));
  return `${out.join("\n")}\n`;
}
