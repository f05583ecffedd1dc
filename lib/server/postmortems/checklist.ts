import "server-only";
// The prevention checklists (manual 5.2) of a postmortem: each item checked with who and when, taken
// from the session and the server clock, never from the client.
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { applyChecklistToggle, type ChecklistState, type ChecklistToggleInput } from "@/lib/domain/postmortem/checklists";
import { POSTMORTEMS_TOPIC, parseChecklist, postmortemTopic } from "./dto";
import { toJsonValue } from "../json";

const ATTEMPTS = 5;

export async function toggleChecklistItem(actor: Actor, postmortemId: string, toggle: ChecklistToggleInput): Promise<ChecklistState> {
  requirePermission(actor, "postmortem.edit");
  // The checklist is one JSON value: two people ticking different items at once must both be kept, so
  // the write is a compare-and-swap on updatedAt (which every write moves forward), retried on a race.
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const at = clockNow();
    const done = await prisma.$transaction(async (tx) => {
      const current = await tx.postmortem.findUnique({ where: { id: postmortemId }, select: { checklist: true, updatedAt: true } });
      if (!current) throw notFound(`Postmortem ${postmortemId.slice(0, 40)}`);
      const before = parseChecklist(current.checklist);
      if ((before[toggle.itemKey]?.checked ?? false) === toggle.checked) return before;
      const next = applyChecklistToggle(before, toggle, { by: actor.label, at });
      const stamp = new Date(Math.max(at.getTime(), current.updatedAt.getTime() + 1));
      const res = await tx.postmortem.updateMany({
        where: { id: postmortemId, updatedAt: current.updatedAt },
        data: { checklist: toJsonValue(next), updatedAt: stamp },
      });
      if (res.count !== 1) return null;
      await writeAudit(tx, actor, {
        action: "postmortem.checklist",
        entity: "postmortem",
        entityId: postmortemId,
        before: { [toggle.itemKey]: before[toggle.itemKey] ?? { checked: false } },
        after: { [toggle.itemKey]: next[toggle.itemKey] },
        at,
      });
      return next;
    });
    if (done) {
      await publish(postmortemTopic(postmortemId), POSTMORTEMS_TOPIC);
      return done;
    }
  }
  throw new AppError("conflict", "The checklist kept changing under this request; try again.");
}
