import type { ReactNode } from "react";

/** What QueryState reads of a query (a plain or an infinite one). */
export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: T | undefined;
  refetch: () => unknown;
}

/** How the state lines look where they stand: what they share (size, padding), the error's colour and role. */
export interface StateLook {
  className: string;
  errorClass: string;
  emptyClass: string;
  errorRole: "alert" | "status" | null;
}

export const STATE_LOOKS = {
  /** a line of its own in a panel or on a page */
  plain: { className: "text-sm", errorClass: "text-red-600", emptyClass: "text-slate-500", errorRole: "alert" },
  /** inside an incident room panel, whose text size it takes */
  room: { className: "", errorClass: "text-red-600", emptyClass: "text-slate-500", errorRole: "alert" },
  /** under a panel's bordered header, padded like its rows */
  padded: { className: "p-3 text-sm", errorClass: "text-red-600", emptyClass: "text-slate-500", errorRole: "alert" },
  /** a person's own page and the admins' on-call pages */
  mine: {
    className: "text-sm",
    errorClass: "text-red-700 dark:text-red-400",
    emptyClass: "text-slate-600 dark:text-slate-300",
    errorRole: "status",
  },
  /** a page's main list straight on the page (no panel around it): the error and the empty line stand in panels */
  page: {
    className: "text-sm",
    errorClass: "panel p-4 text-red-700 dark:text-red-400",
    emptyClass: "panel p-6 text-slate-500",
    errorRole: "status",
  },
} satisfies Record<string, StateLook>;

/** The words of the states: "loading", the failure in the reader's words (the error's own when absent), "retry". */
export interface StateWords {
  loading: ReactNode;
  failed?: (message: string) => ReactNode;
  retry?: string;
}

const join = (...classes: string[]) => classes.filter(Boolean).join(" ");

/**
 * A query's data in one of its four states: "loading" while it comes; the failure (with a retry button when the words
 * name one); the empty line when `empty.when` says there is nothing to show; else the content.
 */
export function QueryState<T>({
  query,
  words,
  empty,
  look = "plain",
  children,
}: {
  query: QueryLike<T>;
  words: StateWords;
  empty?: { when: boolean; text: ReactNode; testId?: string };
  look?: keyof typeof STATE_LOOKS | StateLook;
  children: (data: T) => ReactNode;
}) {
  const { className, errorClass, emptyClass, errorRole } = typeof look === "string" ? STATE_LOOKS[look] : look;
  if (query.isPending) return <p className={join(className, "text-slate-500")}>{words.loading}</p>;
  if (query.isError)
    return (
      <p className={join(className, errorClass)} role={errorRole ?? undefined}>
        {words.failed ? words.failed(query.error?.message ?? "") : query.error?.message}
        {words.retry && (
          <>
            {" "}
            <button className="underline" onClick={() => query.refetch()}>
              {words.retry}
            </button>
          </>
        )}
      </p>
    );
  if (empty?.when)
    return (
      <p className={join(className, emptyClass)} data-testid={empty.testId}>
        {empty.text}
      </p>
    );
  return <>{children(query.data as T)}</>;
}
