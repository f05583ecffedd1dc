"use client";
// My notification rules: per urgency, which channel after how many minutes an escalation step pages me; the
// defaults (manual 3.2) shown when I set nothing, and "Reset to defaults". Saved as a whole (PUT).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Options } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/client/api";
import {
  MAX_DELAY_MINUTES,
  MAX_RULES,
  RULE_CHANNELS,
  URGENCIES,
  type RuleChannel,
  type RuleEntry,
  type Urgency,
} from "@/lib/domain/reach/notification-rules";
import type { MyNotificationRules } from "@/lib/server/reach/notification-rules";
import { MyPanel } from "@/components/ui/my-panel";
import { QueryState } from "@/components/ui/query-state";

const KEY = ["reach", "rules"] as const;
const API = "/api/v1/me/notification-rules";

export function MyNotificationRulesPanel() {
  const t = useTranslations("reach.rules");
  const mine = useQuery({ queryKey: KEY, queryFn: ({ signal }) => apiFetch<MyNotificationRules>(API, { signal }) });
  return (
    <MyPanel id="my-rules" testId="my-rules" title={t("title")} help={t("help")}>
      <QueryState query={mine} look="mine" words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}>
        {(saved) => <RulesForm saved={saved} />}
      </QueryState>
    </MyPanel>
  );
}

interface Draft {
  entries: RuleEntry[];
  /** false: the defaults (saved as an empty list) */
  custom: boolean;
}

function RulesForm({ saved }: { saved: MyNotificationRules }) {
  const t = useTranslations("reach.rules");
  const client = useQueryClient();
  const [draft, setDraft] = useState<Record<Urgency, Draft>>({
    high: { entries: saved.high, custom: saved.custom.high },
    low: { entries: saved.low, custom: saved.custom.low },
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const save = useMutation({
    // the defaults go as an empty list
    mutationFn: (lists: Record<Urgency, Draft>) =>
      apiFetch<MyNotificationRules>(API, {
        method: "PUT",
        json: Object.fromEntries(URGENCIES.map((u) => [u, lists[u].custom ? lists[u].entries : []])),
      }),
    onSuccess: (data) => {
      setFields({});
      client.setQueryData(KEY, data);
    },
    onError: (e) => setFields(e instanceof ApiError ? (e.fields ?? { _: e.message }) : { _: e.message }),
  });
  const edit = (urgency: Urgency, entries: RuleEntry[]) => setDraft((d) => ({ ...d, [urgency]: { entries, custom: true } }));
  const reset = () =>
    setDraft({ high: { entries: saved.defaults.high, custom: false }, low: { entries: saved.defaults.low, custom: false } });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // listed by delay (stable) as the rules are kept, on screen too, so a refusal names the step the person sees
    const sorted = (d: Draft): Draft => ({ ...d, entries: [...d.entries].sort((a, b) => a.delayMinutes - b.delayMinutes) });
    const lists = { high: sorted(draft.high), low: sorted(draft.low) };
    setDraft(lists);
    save.mutate(lists);
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        {URGENCIES.map((urgency) => (
          <RuleList key={urgency} urgency={urgency} draft={draft[urgency]} errors={fields} onChange={(entries) => edit(urgency, entries)} />
        ))}
      </div>
      {fields._ && (
        <p role="alert" className="field-error">
          {fields._}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {t("save")}
        </button>
        <button type="button" className="btn" onClick={reset} disabled={!draft.high.custom && !draft.low.custom}>
          {t("reset")}
        </button>
        {save.isSuccess && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {t("saved")}
          </span>
        )}
      </div>
    </form>
  );
}

function RuleList(props: { urgency: Urgency; draft: Draft; errors: Record<string, string>; onChange: (entries: RuleEntry[]) => void }) {
  const { urgency, draft, errors, onChange } = props;
  const t = useTranslations("reach.rules");
  const channels = useTranslations("escalations.channel");
  const set = (i: number, patch: Partial<RuleEntry>) => onChange(draft.entries.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const errorOf = (i: number) => Object.entries(errors).find(([k]) => k === `${urgency}.${i}` || k.startsWith(`${urgency}.${i}.`))?.[1];
  const listError = errors[urgency];
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-2 dark:border-slate-700" data-testid={`rules-${urgency}`}>
      <legend className="px-1 text-sm font-medium">
        {urgency === "high" ? t("high") : t("low")}{" "}
        <span className="text-xs font-normal text-slate-500">{draft.custom ? t("own") : t("default")}</span>
      </legend>
      <ol className="space-y-2">
        {draft.entries.map((entry, i) => (
          <li key={i}>
            <div className="flex items-center gap-2">
              <span className="w-5 shrink-0 text-right text-xs text-slate-500">{i + 1}.</span>
              <select
                className="input min-w-0 flex-1"
                aria-label={t("channelOf", { n: i + 1 })}
                value={entry.channel}
                onChange={(e) => set(i, { channel: e.target.value as RuleChannel })}
              >
                <Options items={RULE_CHANNELS} label={(c) => channels(c)} />
              </select>
              <label className="flex shrink-0 items-center gap-1 text-sm">
                <span>{t("after")}</span>
                <input
                  className="input w-16"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={MAX_DELAY_MINUTES}
                  value={entry.delayMinutes}
                  aria-invalid={errorOf(i) ? true : undefined}
                  onChange={(e) => set(i, { delayMinutes: e.target.value === "" ? 0 : Number(e.target.value) })}
                />
                <span>{t("minutes")}</span>
              </label>
              <button
                type="button"
                className="btn shrink-0 px-2"
                aria-label={t("remove", { n: i + 1 })}
                onClick={() => onChange(draft.entries.filter((_, j) => j !== i))}
                disabled={draft.entries.length <= 1}
              >
                ✕
              </button>
            </div>
            {errorOf(i) && <p className="field-error">{errorOf(i)}</p>}
          </li>
        ))}
      </ol>
      {listError && <p className="field-error">{listError}</p>}
      <button
        type="button"
        className="btn"
        disabled={draft.entries.length >= MAX_RULES}
        onClick={() => {
          const last = draft.entries.at(-1);
          onChange([...draft.entries, { channel: "phone", delayMinutes: Math.min(MAX_DELAY_MINUTES, (last?.delayMinutes ?? 0) + 1) }]);
        }}
      >
        {t("add")}
      </button>
    </fieldset>
  );
}
