// The incidents behind a figure, each a link to its room ("#12 #15 …"); capped lists say how many more there are.
import Link from "next/link";

export function IncidentLinks({ ids, total, label }: { ids: number[]; total?: number; label: string }) {
  if (ids.length === 0) return null;
  const shown = ids.slice(0, 12);
  const more = (total ?? ids.length) - shown.length;
  return (
    <span className="inline-flex flex-wrap gap-x-1.5" aria-label={label}>
      {shown.map((id) => (
        <Link key={id} href={`/incidents/${id}`} className="text-blue-700 underline dark:text-blue-400">
          #{id}
        </Link>
      ))}
      {more > 0 && <span className="text-slate-500">+{more}</span>}
    </span>
  );
}
