import { useTranslations } from "next-intl";
import type { PostmortemStatus } from "@/lib/domain/postmortem/publish";

const STYLE: Record<PostmortemStatus, string> = {
  draft: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  in_review: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100",
  published: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
};

export function StatusBadge({ status }: { status: PostmortemStatus }) {
  const t = useTranslations("postmortems.status");
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[status]}`} data-testid="postmortem-status" data-status={status}>
      {t(status)}
    </span>
  );
}
