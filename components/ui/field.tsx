// The pieces every form here repeats: a labelled control with its error under it, the "saved" note after a save,
// and the line that says why a save or an action failed.
import type { ReactNode } from "react";

const LOOKS = {
  /** the caption on its own line above a full-width control (forms on a person's or a schedule's page) */
  stacked: { label: "block text-sm", caption: "mb-1 block" },
  /** a small grey caption above a control in a row of them (settings forms) */
  compact: { label: "", caption: "block text-xs text-slate-500" },
} as const;

/** A control with its caption and, when the server refused the value, the reason under it. */
export function Field({
  label,
  error,
  look = "stacked",
  strong = false,
  className,
  children,
}: {
  label: ReactNode;
  error?: string | null;
  look?: keyof typeof LOOKS;
  /** the caption in medium weight (the form's main fields) */
  strong?: boolean;
  /** the label's own classes instead of the look's */
  className?: string;
  children: ReactNode;
}) {
  const { label: labelClass, caption } = LOOKS[look];
  return (
    <label className={className ?? (labelClass || undefined)}>
      <span className={strong ? `${caption} font-medium` : caption}>{label}</span>
      {children}
      {error && <span className="field-error block">{error}</span>}
    </label>
  );
}

/** "Saved" after a save went through, read out by screen readers. */
export function SavedNote({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <span role="status" className={`text-emerald-700 dark:text-emerald-400 ${className}`.trim()}>
      {children}
    </span>
  );
}

/** Why a save or an action failed, under the form or the button (nothing when it did not fail). */
export function ErrorNote({
  error,
  children,
  className = "",
  role = "alert",
  as: Tag = "p",
}: {
  error: Error | null | undefined;
  /** the reader's words for it; the error's own message when absent */
  children?: ReactNode;
  className?: string;
  role?: "alert" | "status";
  /** a span where it stands in a line (beside a button) */
  as?: "p" | "span";
}) {
  if (!error) return null;
  return (
    <Tag className={`field-error ${className}`.trim()} role={role}>
      {children ?? error.message}
    </Tag>
  );
}

/** A select's options from a list: each item's value (the item itself for strings) and what the reader sees. */
export function Options<T>({
  items,
  value = (item) => String(item),
  label,
}: {
  items: readonly T[];
  value?: (item: T) => string;
  /** plain text: an option shows nothing else */
  label: (item: T) => string;
}) {
  return (
    <>
      {items.map((item) => (
        <option key={value(item)} value={value(item)}>
          {label(item)}
        </option>
      ))}
    </>
  );
}
