// A table of rows that scrolls sideways on a narrow screen instead of widening the page: the header cells from a
// list (a label, or a cell with its own classes; each with the table's cell padding unless it names its own), the rows as children, anything below the
// table (a "load more") as `footer`.
import type { ReactNode } from "react";

export interface HeadCell {
  label?: ReactNode;
  /** classes added to the table's cell padding (`whitespace-nowrap`, `hidden sm:table-cell`) */
  className?: string;
  /** classes used instead of the table's cell padding */
  cell?: string;
}

export function DataTable({
  head,
  cell = "px-3 py-2",
  uppercase = true,
  className = "overflow-x-auto",
  testId,
  footer,
  minWidth,
  children,
}: {
  /** false leaves a column out (a column only some readers see) */
  head: (HeadCell | string | false)[];
  cell?: string;
  uppercase?: boolean;
  /** the scrolling wrapper's classes */
  className?: string;
  testId?: string;
  footer?: ReactNode;
  /** the table's least width (a Tailwind min-w class) where its columns would otherwise squeeze */
  minWidth?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <table className={`w-full text-sm ${minWidth ?? ""}`.trim()} data-testid={testId}>
        <thead className={`text-left text-xs text-slate-500 ${uppercase ? "uppercase" : ""}`}>
          <tr>
            {head.map((entry, i) => {
              if (entry === false) return null;
              const h = typeof entry === "string" ? { label: entry } : entry;
              return (
                <th key={i} className={`${h.cell ?? cell} ${h.className ?? ""}`}>
                  {h.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {footer}
    </div>
  );
}

/** Under a paged table: the next page on demand (nothing is cut silently), with an optional note before the button. */
export function LoadMore({
  query,
  label,
  busyLabel,
  testId,
  children,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label: ReactNode;
  /** what the button says while the page comes; its label when absent */
  busyLabel?: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  if (!query.hasNextPage) return null;
  return (
    <div className="border-t border-slate-100 p-2 text-center dark:border-slate-800">
      {children}
      <button className="btn" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} data-testid={testId}>
        {query.isFetchingNextPage && busyLabel !== undefined ? busyLabel : label}
      </button>
    </div>
  );
}
