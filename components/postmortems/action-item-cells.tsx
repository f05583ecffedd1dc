// An action item's first four cells, the same in a postmortem's own list and in the overview across postmortems:
// what, who, by when (marked when overdue) and the horizon.
import { HORIZON_LABELS, type ActionItemHorizon } from "@/lib/domain/postmortem/action-items";

export function ActionItemCells({
  item,
  cell,
  overdueLabel,
  locale,
}: {
  item: { title: string; owner: string; dueDate: string; overdue: boolean; horizon: ActionItemHorizon };
  /** the table's cell padding */
  cell: string;
  overdueLabel: string;
  locale: "ko" | "en";
}) {
  return (
    <>
      <td className={cell}>{item.title}</td>
      <td className={cell}>{item.owner}</td>
      <td className={`${cell} tabular-nums`}>
        {item.dueDate}
        {item.overdue && (
          <span className="ml-1 rounded bg-red-100 px-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-300">{overdueLabel}</span>
        )}
      </td>
      <td className={cell}>{HORIZON_LABELS[item.horizon][locale]}</td>
    </>
  );
}
