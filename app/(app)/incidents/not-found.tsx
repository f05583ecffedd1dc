import { getTranslations } from "next-intl/server";
import { SegmentNotFound } from "@/components/layout/segment-not-found";

export default async function NotFound() {
  const t = await getTranslations("nav");
  return <SegmentNotFound back={{ href: "/incidents", label: `← ${t("incidents")}` }} />;
}
