import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { ActionItemsOverview } from "@/components/postmortems/action-items-overview";
import { PostmortemList } from "@/components/postmortems/postmortem-list";

export const metadata = { title: "Postmortems" };

export default async function PostmortemsPage() {
  const actor = await requireActor();
  const t = await getTranslations("postmortems");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-500">{t("subtitle")}</p>
      </div>
      <ActionItemsOverview />
      <PostmortemList canEdit={can(actor.role, "postmortem.edit")} />
    </div>
  );
}
