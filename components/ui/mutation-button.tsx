// A button that runs one mutation: disabled and saying so ("Running…") while it runs.
import type { ButtonHTMLAttributes, ReactNode } from "react";

export function MutationButton({
  mutation,
  busy = mutation.isPending,
  blocked = false,
  busyLabel,
  testId,
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onClick" | "disabled" | "type"> & {
  mutation: { isPending: boolean; mutate: () => void };
  /** when the button counts as busy: while the mutation runs unless said otherwise (e.g. also once it succeeded) */
  busy?: boolean;
  /** disabled for another reason (what it needs has not come yet) */
  blocked?: boolean;
  /** what the button says while busy; its own label when absent */
  busyLabel?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <button type="button" {...button} disabled={busy || blocked} onClick={() => mutation.mutate()} data-testid={testId}>
      {busy && busyLabel !== undefined ? busyLabel : children}
    </button>
  );
}
