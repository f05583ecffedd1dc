import type { ReactNode } from "react";

/** A page's title with the line under it that says what the page is for. */
export function PageTitle({ title, intro, className }: { title: ReactNode; intro: ReactNode; className?: string }) {
  return (
    <div className={className}>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-slate-500">{intro}</p>
    </div>
  );
}

/** The title and its line side by side where the page is wide enough. */
export const TITLE_ROW = "flex flex-wrap items-baseline justify-between gap-2";
