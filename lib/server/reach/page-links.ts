import "server-only";
// Every page of an escalation step carries its own acknowledge link: email and SMS the URL, a call the keypress
// (the TwiML's <Gather> posts back with it), the Slack post a button. Issued in the transaction that writes the
// pages to the outbox, so a page never goes out with a link that does not exist.
import type { DB } from "../db";
import type { ContactEntry, Delivery } from "@/lib/domain/notification-plan";
import type { LinkChannel } from "@/lib/domain/reach/ack-via";
import { ackUrlOf, newAckLink } from "./ack-links";

export async function withAckLinks(
  tx: Pick<DB, "ackLink">,
  deliveries: Delivery[],
  step: { incidentId: number; stepKey: string },
  contacts: ContactEntry[],
  at: Date,
): Promise<Delivery[]> {
  const out: Delivery[] = [];
  const rows = [];
  for (const delivery of deliveries) {
    const person = delivery.recipient;
    const userId = person ? contacts.find((c) => c.role === person.role && c.name === person.name)?.userId : undefined;
    const { row, token } = newAckLink(
      {
        purpose: "escalation",
        incidentId: step.incidentId,
        stepKey: step.stepKey,
        userId: userId ?? null,
        channel: delivery.channel as LinkChannel,
        target: delivery.to,
        recipient: person ? person.name || person.role : delivery.to,
      },
      at,
    );
    rows.push(row);
    out.push({ ...delivery, ack: { url: ackUrlOf(token), token } });
  }
  if (rows.length > 0) await tx.ackLink.createMany({ data: rows });
  return out;
}
