"use client";
import { useFormatter } from "next-intl";
import { useNow } from "@/lib/client/use-now";

/**
 * "12 min ago", with the absolute time (Asia/Seoul by default) on hover. The server renders "3 s ago" and the
 * browser, hydrating a second later, "4 s ago": the text is expected to differ (React error #418 on the
 * postmortem editor, issue 12), so the mismatch is allowed here and useNow corrects it right after mount.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const format = useFormatter();
  const now = useNow(30_000);
  const date = new Date(iso);
  return (
    <time
      dateTime={iso}
      title={format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })}
      className="tabular-nums text-slate-600 dark:text-slate-300"
      suppressHydrationWarning
    >
      {format.relativeTime(date, now)}
    </time>
  );
}
