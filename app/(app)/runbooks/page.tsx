import { getTranslations } from "next-intl/server";
import { NotConfigured } from "@/components/ui/not-configured";

export default async function Page() {
  const t = await getTranslations();
  return <NotConfigured title={t("nav.runbooks")} detail={t("placeholder.runbooks")} />;
}
