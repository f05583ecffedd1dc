"use client";
// Prefilled facts with a visible link to the record each came from: the incident, one of its timeline
// events (in this page's timeline panel and in the incident room), a diagnostic run or an escalation.
import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import type { PrefillFact } from "@/lib/domain/postmortem/prefill";

export function factHref(fact: PrefillFact, incidentId: number): string {
  return fact.source.kind === "timeline" ? `#tl-${fact.source.id}` : `/incidents/${incidentId}`;
}

export function FactSourceLink({ fact, incidentId }: { fact: PrefillFact; incidentId: number }) {
  const t = useTranslations("postmortems.facts");
  return (
    <a
      href={factHref(fact, incidentId)}
      className="text-blue-700 underline dark:text-blue-400"
      data-testid="fact-source"
      data-source-kind={fact.source.kind}
      title={t("sourceTitle", { kind: t(`kind.${fact.source.kind}`), id: fact.source.id })}
    >
      {t(`kind.${fact.source.kind}`)}
      {fact.source.kind === "incident" ? ` #${incidentId}` : ""}
    </a>
  );
}

/** Under a field: which prefilled facts went into it, each with its source. */
export function FieldFacts({ facts, incidentId }: { facts: PrefillFact[]; incidentId: number }) {
  const t = useTranslations("postmortems.facts");
  const locale = toLocale(useLocale());
  if (facts.length === 0) return null;
  return (
    <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500">
      <span>{t("prefilledFrom")}</span>
      {facts.map((f) => (
        <span key={f.key}>
          {f.label[locale]} · <FactSourceLink fact={f} incidentId={incidentId} />
        </span>
      ))}
    </p>
  );
}

export function FactsPanel({ facts, incidentId }: { facts: PrefillFact[]; incidentId: number }) {
  const t = useTranslations("postmortems.facts");
  const locale = toLocale(useLocale());
  return (
    <section className="panel p-3" aria-labelledby="facts-heading" data-testid="facts-panel">
      <h2 id="facts-heading" className="mb-2 text-xs font-semibold uppercase text-slate-500">
        {t("title")}
      </h2>
      {facts.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {facts.map((f) => (
            <li key={f.key} data-testid={`fact-${f.key}`}>
              <span className="text-xs text-slate-500">{f.label[locale]}</span>
              <p className="break-words">{f.value}</p>
              <p className="text-xs text-slate-500">
                {t("source")}: <FactSourceLink fact={f} incidentId={incidentId} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
