import type { ReactNode } from "react";
import { TitledPanel } from "./panel";

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
  /** a line of help under the title, if the panel needs one */
  help?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <TitledPanel id={id} title={title} look="small" className="panel space-y-2 p-3" testId={testId}>
      {help && <p className="text-xs text-slate-600 dark:text-slate-300">{help}</p>}
      {children}
    </TitledPanel>
  );
}
