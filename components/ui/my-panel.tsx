import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";

/** One panel of a person's own page (My shifts): a titled section with a line of help under the title. */
export function MyPanel({
  id,
  title,
  help,
  testId,
  children,
}: {
  id: string;
  title: string;
  help: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="panel space-y-2 p-3" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="text-sm font-semibold">
        {title}
      </h2>
      <p className="text-xs text-slate-600 dark:text-slate-300">{help}</p>
      {children}
    </section>
  );
}

/** A panel's data: "loading" while it comes, the error in the reader's words if it fails, else the content. */
export function QueryContent<T>({
  query,
  loading,
  failed,
  children,
}: {
  query: UseQueryResult<T>;
  loading: string;
  failed: (message: string) => string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <p className="text-sm text-slate-500">{loading}</p>;
  if (query.isError)
    return (
      <p role="status" className="text-sm text-red-700 dark:text-red-400">
        {failed(query.error.message)}
      </p>
    );
  return <>{children(query.data)}</>;
}
