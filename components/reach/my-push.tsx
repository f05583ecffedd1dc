"use client";
// "Get push on this device": this browser's push state, the person's devices (this one marked), and removing one.
// Subscribing asks for notification permission, registers the service worker and stores the subscription; an
// escalation step that pages me then pushes to each device, with an Acknowledge action.
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { MutationButton } from "@/components/ui/mutation-button";
import { apiFetch } from "@/lib/client/api";
import { deviceState, PermissionError, subscribeThisDevice, unsubscribeThisDevice, type DeviceState } from "@/lib/client/push";
import type { MyPushDevices, PushDevice } from "@/lib/server/push/subscriptions";
import { formatAckTime } from "./ack-result";
import { MyPanel } from "@/components/ui/my-panel";

const KEY = ["push", "devices"] as const;
const API = "/api/v1/push/subscriptions";

export function MyPush() {
  const t = useTranslations("reach.push");
  const locale = useLocale();
  const client = useQueryClient();
  const [device, setDevice] = useState<{ state: DeviceState; endpoint: string | null }>({ state: "checking", endpoint: null });
  const mine = useQuery({ queryKey: KEY, queryFn: ({ signal }) => apiFetch<MyPushDevices>(API, { signal }) });

  const refresh = async () => {
    setDevice(await deviceState());
    await client.invalidateQueries({ queryKey: KEY });
  };
  useEffect(() => {
    let live = true;
    void deviceState().then((d) => live && setDevice(d));
    return () => {
      live = false;
    };
  }, []);

  const subscribe = useMutation({
    mutationFn: async () => {
      const subscription = await subscribeThisDevice(mine.data!.publicKey);
      await apiFetch(API, { method: "POST", json: subscription });
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: async (target: PushDevice) => {
      // removing this browser's own row also unsubscribes it, so it stops taking pushes at once
      if (target.endpoint === device.endpoint) await unsubscribeThisDevice();
      await apiFetch(API, { method: "DELETE", json: { endpoint: target.endpoint } });
    },
    onSettled: refresh,
  });

  const registered = device.state === "on" && mine.data?.devices.some((d) => d.endpoint === device.endpoint);
  const shownState: DeviceState = device.state === "on" && mine.data && !registered ? "off" : device.state;
  const failure = subscribe.error ?? remove.error;

  return (
    <MyPanel id="my-push" testId="my-push" title={t("title")} help={t("help")}>
      <p role="status" className="text-sm" data-testid="push-device-state" data-state={shownState}>
        {stateText(t, shownState)}
      </p>
      {(shownState === "off" || shownState === "on") && !registered && (
        <MutationButton
          mutation={subscribe}
          blocked={!mine.data}
          className="rounded bg-blue-700 px-3 py-2 text-sm text-white disabled:opacity-60"
          busyLabel={t("subscribing")}
        >
          {t("subscribe")}
        </MutationButton>
      )}
      {failure && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {failure instanceof PermissionError ? t("state.denied") : t("error", { message: failure.message })}
        </p>
      )}
      {mine.isError ? (
        <p role="status" className="text-sm text-red-700 dark:text-red-400">
          {t("loadError", { message: mine.error.message })}
        </p>
      ) : mine.data && mine.data.devices.length === 0 ? (
        <p className="text-sm text-slate-500">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700" data-testid="push-devices">
          {mine.data?.devices.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="font-medium">
                  {d.label || t("unnamed")}
                  {d.endpoint === device.endpoint && (
                    <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-800 dark:bg-green-900 dark:text-green-100">
                      {t("thisDevice")}
                    </span>
                  )}
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-300">
                  {t("added", { at: formatAckTime(d.createdAt, locale) })}
                  {d.lastSuccessAt && ` · ${t("lastSuccess", { at: formatAckTime(d.lastSuccessAt, locale) })}`}
                </p>
                <p className={`text-xs ${d.verifiedAt ? "text-green-800 dark:text-green-300" : "text-amber-800 dark:text-amber-300"}`}>
                  {d.verifiedAt ? t("verified", { at: formatAckTime(d.verifiedAt, locale) }) : t("unverified")}
                </p>
                {d.lastError && (
                  <p className="text-xs break-words text-red-700 dark:text-red-400">{t("lastError", { error: d.lastError })}</p>
                )}
              </div>
              <button
                type="button"
                className="rounded border border-slate-300 px-2 py-1 text-xs disabled:opacity-60 dark:border-slate-600"
                disabled={remove.isPending}
                onClick={() => remove.mutate(d)}
              >
                {remove.isPending && remove.variables?.id === d.id ? t("removing") : t("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </MyPanel>
  );
}

function stateText(t: ReturnType<typeof useTranslations<"reach.push">>, state: DeviceState): string {
  // i18n-translator: t = reach.push
  switch (state) {
    case "checking":
      return t("state.checking");
    case "unsupported":
      return t("state.unsupported");
    case "insecure":
      return t("state.insecure");
    case "denied":
      return t("state.denied");
    case "off":
      return t("state.off");
    case "on":
      return t("state.on");
  }
}
