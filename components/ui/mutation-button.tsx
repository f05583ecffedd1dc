// A button that runs one mutation: disabled and saying so ("Running…") while it runs.
import type { ButtonHTMLAttributes, ReactNode } from "react";

export function MutationButton({
  mutation,
  busyLabel,
  testId,
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onClick" | "disabled" | "type"> & {
  mutation: { isPending: boolean; mutate: () => void };
  /** what the button says while the mutation runs; its own label when absent */
  busyLabel?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <button type="button" {...button} disabled={mutation.isPending} onClick={() => mutation.mutate()} data-testid={testId}>
      {mutation.isPending && busyLabel !== undefined ? busyLabel : children}
    </button>
  );
}
