import "server-only";
// Acknowledge links: issued with the page they ride in (inside the outbox transaction), opened without a session.
// The URL holds a random id and its HMAC (keyed from the session secret), so a forged or altered link is refused
// before the database is asked; the row makes it single use (usedAt, set by a fenced update) and expiring.
import { createHmac, randomBytes } from "node:crypto";
import { prisma, type DB } from "../db";
import { now as clockNow } from "../clock";
import { env } from "../env";
import { authSecret } from "../auth-options";
import { AppError } from "../errors";
import { acknowledgeStep } from "../escalations/acknowledge";
import { ackIdOf, signAckId } from "@/lib/domain/reach/signatures";
import { ACK_LINK_TTL_MS, type AckVia, type LinkChannel } from "@/lib/domain/reach/ack-via";
import type { Actor } from "../actor";
import type { AckLink, Prisma } from "@/lib/generated/prisma/client";

type Tx = Pick<DB, "ackLink">;

export function ackKey(): string {
  return createHmac("sha256", authSecret()).update("incident-command acknowledge links").digest("hex");
}

export function appBaseUrl(): string {
  return (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export const ackUrlOf = (token: string) => `${appBaseUrl()}/ack/${token}`;

export interface AckLinkInput {
  purpose: "escalation" | "test";
  incidentId?: number | null;
  stepKey?: string | null;
  userId?: string | null;
  channel: LinkChannel;
  target: string;
  recipient: string;
}

/** A new link's row and token; the caller stores the rows (one statement for a whole batch of pages). */
export function newAckLink(input: AckLinkInput, at: Date): { row: Prisma.AckLinkCreateManyInput; token: string } {
  const id = randomBytes(12).toString("base64url");
  const row = {
    id,
    purpose: input.purpose,
    incidentId: input.incidentId ?? null,
    stepKey: input.stepKey ?? null,
    userId: input.userId ?? null,
    channel: input.channel,
    target: input.target,
    recipient: input.recipient,
    createdAt: at,
    expiresAt: new Date(at.getTime() + ACK_LINK_TTL_MS),
  };
  return { row, token: signAckId(ackKey(), id) };
}

/** Stores one link and returns its token (the part after /ack/). */
export async function issueAckLink(tx: Tx, input: AckLinkInput, at: Date): Promise<string> {
  const { row, token } = newAckLink(input, at);
  await tx.ackLink.create({ data: row });
  return token;
}

/** What opening a link did; the page says it in the reader's language. */
export type AckOutcome =
  | { state: "acknowledged"; purpose: "escalation" | "test"; incidentId: number | null; role: string | null; by: string; at: string }
  /** someone else acknowledged the step first (through another link, Slack, the app) */
  | { state: "already"; incidentId: number | null; role: string | null; by: string; at: string }
  | { state: "used"; by: string; at: string }
  | { state: "expired"; at: string }
  | { state: "invalid" };

/** Who the link's holder is, for the acknowledgement record: the person it was sent to, or (Slack) who pressed. */
export interface AckBy {
  label: string;
  userId: string | null;
}

export async function findAckLink(token: string): Promise<AckLink | null> {
  const id = ackIdOf(ackKey(), token);
  return id ? prisma.ackLink.findUnique({ where: { id } }) : null;
}

/** Opens a link: acknowledges its step (or test page) once; every later use, forgery or expiry says why not. */
export async function openAckLink(token: string, via?: AckVia, by?: AckBy): Promise<AckOutcome> {
  const link = await findAckLink(token);
  if (!link) return { state: "invalid" };
  return spendLink(link, via, by);
}

/** `via` defaults to the link's own channel (an email link opened is "email"). */
export async function spendLink(link: AckLink, viaGiven?: AckVia, by?: AckBy): Promise<AckOutcome> {
  const via = viaGiven ?? (link.channel as AckVia);
  const at = clockNow();
  if (link.usedAt) return { state: "used", by: link.usedBy ?? "", at: link.usedAt.toISOString() };
  if (link.expiresAt.getTime() <= at.getTime()) return { state: "expired", at: link.expiresAt.toISOString() };
  const who: AckBy = by ?? { label: link.recipient, userId: link.userId };
  const claim = async (tx: Tx) => {
    const won = await tx.ackLink.updateMany({
      where: { id: link.id, usedAt: null },
      data: { usedAt: at, usedBy: who.label, usedVia: via },
    });
    if (won.count !== 1) throw new LinkRace();
  };
  try {
    if (link.purpose === "test") {
      await claim(prisma);
      return { state: "acknowledged", purpose: "test", incidentId: null, role: null, by: who.label, at: at.toISOString() };
    }
    if (link.incidentId === null || !link.stepKey) return { state: "invalid" };
    // The holder of a valid link acts as the person it was sent to, for this one acknowledgement only.
    const actor: Actor = { kind: "user", userId: who.userId, tokenId: null, label: who.label, role: "manager" };
    const result = await acknowledgeStep(actor, link.incidentId, link.stepKey, { via, within: claim });
    if (result.alreadyAcknowledged) {
      // The step was acknowledged already: this link is spent all the same, so a second tap says "used".
      await prisma.ackLink.updateMany({
        where: { id: link.id, usedAt: null },
        data: { usedAt: at, usedBy: result.acknowledgedBy, usedVia: via },
      });
      return { state: "already", incidentId: link.incidentId, role: result.role, by: result.acknowledgedBy, at: result.acknowledgedAt };
    }
    return {
      state: "acknowledged",
      purpose: "escalation",
      incidentId: link.incidentId,
      role: result.role,
      by: who.label,
      at: result.acknowledgedAt,
    };
  } catch (error) {
    if (error instanceof LinkRace) {
      const current = await prisma.ackLink.findUniqueOrThrow({ where: { id: link.id } });
      return { state: "used", by: current.usedBy ?? "", at: (current.usedAt ?? at).toISOString() };
    }
    if (error instanceof AppError && error.code === "not_found") return { state: "invalid" };
    throw error;
  }
}

/** Thrown inside the acknowledgement's transaction when a concurrent request used the link first: rolls it back. */
class LinkRace extends Error {}
