// The incident's full timeline beside the report, so every prefilled line can be checked against the
// event it came from (facts link to #tl-<event id>). Oldest first: a report reads forward in time.
// A server component: hundreds of events are plain HTML, with nothing to hydrate in the browser.
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locales";
import type { TimelineEventDto } from "@/lib/server/incident-dto";
import { localizedTimelineText } from "@/lib/server/postmortems/timeline-text";
import { formatDateTime } from "@/lib/domain/postmortem/time";

const LIST =
  "max-h-96 space-y-1 overflow-auto text-sm [&>li]:scroll-mt-4 [&>li]:rounded [&>li]:px-1 [&>li:target]:bg-amber-100 [&>li:target]:ring-2 " +
  "[&>li:target]:ring-amber-400 dark:[&>li:target]:bg-amber-900/40 [&_time]:mr-2 [&_time]:tabular-nums [&_time]:text-slate-500 [&_b]:mr-2 " +
  "[&_b]:font-normal [&_b]:text-slate-600 dark:[&_b]:text-slate-300 [&_span]:whitespace-pre-wrap [&_span]:break-words";

export async function TimelinePanel({ incidentId, events }: { incidentId: number; events: TimelineEventDto[] }) {
  const t = await getTranslations("postmortems.timeline");
  const locale = toLocale(await getLocale());
  return (
    <section className="panel p-4" aria-labelledby="timeline-heading" data-testid="incident-timeline">
      <h2 id="timeline-heading" className="mb-2 flex items-baseline gap-2 text-base font-semibold">
        {t("title")}
        <span className="text-xs font-normal text-slate-500">{t("count", { count: events.length })}</span>
        <a className="ml-auto text-sm font-normal text-blue-700 underline dark:text-blue-400" href={`/incidents/${incidentId}`}>
          {t("openRoom")}
        </a>
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        // Styles live on the list, not on each of the (possibly hundreds of) items: the page stays small.
        <ol className={LIST}>
          {events.map((e) => (
            <li key={e.id} id={`tl-${e.id}`}>
              <time dateTime={e.createdAt}>{formatDateTime(new Date(e.createdAt))}</time>
              <b>{e.actorName}</b>
              <span>{localizedTimelineText(e, locale)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
