// The tabs above a list that choose which of its rows are shown (open / resolved / all …).
export function FilterTabs<F extends string>({
  filters,
  value,
  onChange,
  label,
  className,
}: {
  filters: readonly F[];
  value: F;
  onChange: (filter: F) => void;
  label: (filter: F) => string;
  /** the tab list's own layout classes */
  className: string;
}) {
  return (
    <div className={className} role="tablist">
      {filters.map((f) => (
        <button
          key={f}
          role="tab"
          aria-selected={value === f}
          onClick={() => onChange(f)}
          className={`rounded px-2 py-1 ${value === f ? "bg-slate-200 font-medium dark:bg-slate-700" : "text-slate-600 dark:text-slate-300"}`}
        >
          {label(f)}
        </button>
      ))}
    </div>
  );
}
