"use client";
// The pieces every Settings → Status page editor is made of: a labelled text field bound to one property of a
// row, a list of saved rows each with its remove button, and what a save answered (its error, or "saved").
import type { InputHTMLAttributes, ReactNode } from "react";

/** A text input named by its aria-label, editing `row[field]`. */
export function RowField<R, K extends keyof R & string>({
  row,
  field,
  label,
  onChange,
  ...rest
}: {
  row: R;
  field: K;
  label: string;
  onChange: (patch: Pick<R, K>) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">) {
  return (
    <input
      aria-label={label}
      className="input"
      {...rest}
      value={String(row[field] ?? "")}
      onChange={(e) => onChange({ [field]: e.target.value } as Pick<R, K>)}
    />
  );
}

/** Saved rows, each shown by `children` beside a remove button. */
export function RemovableRows<T extends { id: string }>({
  items,
  removeLabel,
  onRemove,
  className,
  children,
}: {
  items: T[] | undefined;
  removeLabel: string;
  onRemove: (id: string) => void;
  /** the row's own layout classes beside "flex items-center justify-between gap-2" */
  className?: string;
  children: (item: T) => ReactNode;
}) {
  return (
    <ul className="mb-2 space-y-1 text-sm">
      {items?.map((item) => (
        <li key={item.id} className={`flex items-center justify-between gap-2 ${className ?? ""}`}>
          {children(item)}
          <button type="button" className="btn" onClick={() => onRemove(item.id)}>
            {removeLabel}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A mutation's error as an alert; with `saved`, its success as a status line. */
export function SaveOutcome({
  mutation,
  saved,
}: {
  mutation: { isError: boolean; isSuccess: boolean; error: Error | null };
  saved?: string;
}) {
  return (
    <>
      {mutation.isError && (
        <p className="field-error" role="alert">
          {mutation.error?.message}
        </p>
      )}
      {saved && mutation.isSuccess && <p role="status">{saved}</p>}
    </>
  );
}
