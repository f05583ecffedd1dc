// A titled section of a page: the heading names the section for screen readers (aria-labelledby), optionally with
// something beside it in a header row (a count, a mode, the filter tabs).
import type { ReactNode } from "react";

export const TITLE_LOOKS = {
  /** an incident room panel's small grey caps */
  room: "text-xs font-semibold uppercase text-slate-500",
  /** a panel of a person's own page or a schedule's */
  small: "text-sm font-semibold",
  /** a page panel's title over a border, padded like the rows under it */
  bordered: "border-b border-slate-200 p-3 font-semibold dark:border-slate-800",
  /** a page panel's title */
  plain: "font-semibold",
} as const;

export function TitledPanel({
  id,
  title,
  look,
  className,
  testId,
  aside,
  headerClass,
  children,
}: {
  id: string;
  title: ReactNode;
  /** one of TITLE_LOOKS, or the heading's own classes */
  look: keyof typeof TITLE_LOOKS | { title: string };
  /** the section's classes */
  className: string;
  testId?: string;
  /** what stands beside the title, in a header row of `headerClass` */
  aside?: ReactNode;
  headerClass?: string;
  children: ReactNode;
}) {
  const heading = (
    <h2 id={id} className={typeof look === "string" ? TITLE_LOOKS[look] : look.title}>
      {title}
    </h2>
  );
  return (
    <section className={className} aria-labelledby={id} data-testid={testId}>
      {aside === undefined ? (
        heading
      ) : (
        <div className={headerClass}>
          {heading}
          {aside}
        </div>
      )}
      {children}
    </section>
  );
}
