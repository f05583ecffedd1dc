// Personal paging readiness: for each person on call in the coming days, which of their contact methods are
// verified — a test page sent through that method to that very address/number was acknowledged, or a code sent through
// it was typed back (lib/domain/reach/verify-code) — and when they last acknowledged a test page. Pure: the server hands in the people, their details and their test links.
import { normalizePhone } from "../notification-plan";
import type { LinkChannel } from "./ack-via";

export type MethodChannel = Extract<LinkChannel, "email" | "sms" | "phone" | "slack">;
export const METHOD_CHANNELS: readonly MethodChannel[] = ["email", "sms", "phone", "slack"];

export interface PersonDetails {
  userId: string;
  name: string;
  email: string;
  phone: string;
  slackHandle: string;
}

export interface TestLinkFact {
  userId: string;
  channel: string;
  target: string;
  createdAt: Date;
  usedAt: Date | null;
}

/** A code verification that succeeded (lib/domain/reach/verify-code): "sms" proves the number for calls too. */
export interface CodeFact {
  userId: string;
  channel: string;
  target: string;
  verifiedAt: Date | null;
}

export interface MethodReadiness {
  channel: MethodChannel;
  /** the address, number or member id; empty when the person has not given one */
  target: string;
  verified: boolean;
  verifiedAt: string | null;
}

export interface PersonReadiness {
  userId: string;
  name: string;
  methods: MethodReadiness[];
  lastTestSentAt: string | null;
  lastTestAckAt: string | null;
}

/** Where a test page through `channel` goes for this person ("" when they have no such detail). */
export function targetOf(person: Pick<PersonDetails, "email" | "phone" | "slackHandle">, channel: MethodChannel): string {
  if (channel === "email") return person.email.trim().toLowerCase();
  if (channel === "slack") return person.slackHandle.trim();
  return normalizePhone(person.phone);
}

/** The channels a code sent through `channel` proves (an SMS code proves the number, so calls to it too). */
const codeChannels = (channel: string): string[] => (channel === "sms" ? ["sms", "phone"] : [channel]);

export function personReadiness(person: PersonDetails, links: TestLinkFact[], codes: CodeFact[] = []): PersonReadiness {
  const mine = links.filter((l) => l.userId === person.userId);
  const myCodes = codes.filter((c) => c.userId === person.userId);
  const latest = (dates: (Date | null)[]) =>
    dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null)?.toISOString() ?? null;
  const methods = METHOD_CHANNELS.map((channel): MethodReadiness => {
    const target = targetOf(person, channel);
    // A method changed since its test (a new number) is not verified any more: the test proved the old one.
    // A code proves it as well as a test page does, for the value it was sent to.
    const verifiedAt = target
      ? latest([
          ...mine.filter((l) => l.channel === channel && l.target === target).map((l) => l.usedAt),
          ...myCodes.filter((c) => codeChannels(c.channel).includes(channel) && c.target === target).map((c) => c.verifiedAt),
        ])
      : null;
    return { channel, target, verified: verifiedAt !== null, verifiedAt };
  });
  return {
    userId: person.userId,
    name: person.name,
    methods,
    lastTestSentAt: latest(mine.map((l) => l.createdAt)),
    lastTestAckAt: latest(mine.map((l) => l.usedAt)),
  };
}
