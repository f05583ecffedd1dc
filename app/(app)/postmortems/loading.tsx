import { getTranslations } from "next-intl/server";

export default async function Loading() {
  const t = await getTranslations("postmortems");
  return (
    <p className="text-sm text-slate-500" role="status">
      {t("loading")}
    </p>
  );
}
