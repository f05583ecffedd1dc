import { HydrationBoundary } from "@tanstack/react-query";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { firstPaintOfEscalationBoard } from "@/lib/server/first-paint";
import { EscalationBoard } from "@/components/escalations/board";

export const metadata = { title: "Escalations" };

export default async function EscalationsPage() {
  const actor = await requireActor();
  return (
    <HydrationBoundary state={await firstPaintOfEscalationBoard(actor)}>
      <EscalationBoard canAck={can(actor.role, "escalation.ack")} canManage={can(actor.role, "settings.manage")} />
    </HydrationBoundary>
  );
}
