import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { ReadinessTable } from "@/components/reach/readiness-table";

export const metadata = { title: "Paging readiness" };

export default async function PagingReadinessPage() {
  const actor = await requireActor();
  if (!can(actor.role, "users.manage")) notFound();
  return <ReadinessTable />;
}
