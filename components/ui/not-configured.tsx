import { getTranslations } from "next-intl/server";

/** An honest empty state for a capability that is not built or not configured yet: never a fake. */
export async function NotConfigured({ title, detail }: { title: string; detail: string }) {
  const t = await getTranslations("placeholder");
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="panel p-6 text-sm" data-testid="not-configured">
        <p className="font-medium">{t("notConfigured")}</p>
        <p className="mt-1 text-slate-500">{detail}</p>
      </div>
    </div>
  );
}
