import "server-only";
// A person's own notification rules (issue 14): read with the defaults filled in, replaced as a whole per request.
import { prisma, type DB } from "../db";
import { now } from "../clock";
import { writeAudit } from "../audit";
import type { Actor } from "../actor";
import { oneOf } from "@/lib/domain/one-of";
import {
  DEFAULT_RULES,
  RULE_CHANNELS,
  URGENCIES,
  rulesFor,
  type NotificationRulesInput,
  type RuleEntry,
  type RuleSet,
  type Urgency,
} from "@/lib/domain/reach/notification-rules";

export interface MyNotificationRules extends RuleSet {
  /** per urgency: true when the list is the person's own, false when it is the defaults */
  custom: Record<Urgency, boolean>;
  defaults: RuleSet;
}

const isChannel = oneOf(RULE_CHANNELS);
const isUrgency = oneOf(URGENCIES);

/** Each user's own lists (only the urgencies they set), in order. */
export const loadRuleSets = (db: Pick<DB, "notificationRule">, userIds: string[]) => ruleSetsWhere(db, { userId: { in: userIds } });
/** Everybody's (a few rows per person who set rules): the board asks for whoever will be on call. */
export const allRuleSets = (db: Pick<DB, "notificationRule">) => ruleSetsWhere(db, {});

async function ruleSetsWhere(
  db: Pick<DB, "notificationRule">,
  where: { userId?: { in: string[] } },
): Promise<Map<string, Partial<RuleSet>>> {
  const rows = await db.notificationRule.findMany({
    where,
    orderBy: [{ userId: "asc" }, { urgency: "asc" }, { position: "asc" }],
  });
  const sets = new Map<string, Partial<RuleSet>>();
  for (const row of rows) {
    if (!isUrgency(row.urgency) || !isChannel(row.channel)) continue;
    const set = sets.get(row.userId) ?? {};
    (set[row.urgency] ??= []).push({ channel: row.channel, delayMinutes: row.delayMinutes });
    sets.set(row.userId, set);
  }
  return sets;
}

function mine(own: Partial<RuleSet>): MyNotificationRules {
  return {
    high: rulesFor(own, "high"),
    low: rulesFor(own, "low"),
    custom: { high: Boolean(own.high?.length), low: Boolean(own.low?.length) },
    defaults: { high: [...DEFAULT_RULES.high], low: [...DEFAULT_RULES.low] },
  };
}

export async function getNotificationRules(userId: string): Promise<MyNotificationRules> {
  return mine((await loadRuleSets(prisma, [userId])).get(userId) ?? {});
}

/** Replaces both lists in one transaction (an empty list = back to the defaults). */
export async function setNotificationRules(actor: Actor, userId: string, input: NotificationRulesInput): Promise<MyNotificationRules> {
  const at = now();
  return prisma.$transaction(async (tx) => {
    const before = (await loadRuleSets(tx, [userId])).get(userId) ?? {};
    await tx.notificationRule.deleteMany({ where: { userId } });
    const rows = URGENCIES.flatMap((urgency) =>
      input[urgency].map((e: RuleEntry, position) => ({ userId, urgency, position, channel: e.channel, delayMinutes: e.delayMinutes })),
    );
    if (rows.length > 0) await tx.notificationRule.createMany({ data: rows });
    await writeAudit(tx, actor, { action: "notification-rules.update", entity: "user", entityId: userId, before, after: input, at });
    return mine({ high: input.high, low: input.low });
  });
}
