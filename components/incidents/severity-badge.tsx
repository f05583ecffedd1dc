import type { Severity } from "@/lib/domain/severity";

// One colour per severity, the same on every surface (P0 red, P1 orange, P2 amber, P3 slate).
const STYLE: Record<Severity, string> = {
  P0: "bg-red-600 text-white",
  P1: "bg-orange-600 text-white",
  P2: "bg-amber-400 text-amber-950",
  P3: "bg-slate-500 text-white",
};

export function SeverityBadge({ severity, title }: { severity: Severity; title?: string }) {
  return (
    <span
      data-testid="severity-badge"
      title={title}
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-bold tabular-nums ${STYLE[severity]}`}
    >
      {severity}
    </span>
  );
}
