import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { ActionItemsOverview } from "@/components/postmortems/action-items-overview";
import { PostmortemList } from "@/components/postmortems/postmortem-list";
import { PageTitle } from "@/components/layout/page-title";

export const metadata = { title: "Postmortems" };

export default async function PostmortemsPage() {
  const actor = await requireActor();
  const t = await getTranslations("postmortems");
  return (
    <div className="space-y-4">
      <PageTitle title={t("title")} intro={t("subtitle")} />
      <ActionItemsOverview />
      <PostmortemList canEdit={can(actor.role, "postmortem.edit")} />
    </div>
  );
}
