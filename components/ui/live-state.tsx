import type { LiveState } from "@/lib/client/live-hub";

/** "● live" in green while the server's stream is connected, "● reconnecting" in grey while it is not. */
export function LiveStateDot({
  state,
  live,
  reconnecting,
  testId,
  className = "",
}: {
  state: LiveState;
  live: string;
  reconnecting: string;
  testId: string;
  className?: string;
}) {
  return (
    <span
      className={`${className} text-xs ${state === "live" ? "text-emerald-600" : "text-slate-400"}`.trim()}
      data-testid={testId}
      data-state={state}
    >
      ● {state === "live" ? live : reconnecting}
    </span>
  );
}
