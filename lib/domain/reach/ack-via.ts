// The ways a page can be acknowledged, as the timeline and the audit log record them.
export const ACK_VIAS = ["app", "email", "sms", "sms_reply", "phone", "slack", "push"] as const;
export type AckVia = (typeof ACK_VIAS)[number];

/** The channels an acknowledge link is issued for (the link's own channel; an SMS reply uses the SMS's link). */
export const LINK_CHANNELS = ["email", "sms", "phone", "slack", "push"] as const;
export type LinkChannel = (typeof LINK_CHANNELS)[number];

/** How long an acknowledge link works: a night's sleep and the morning after, not forever. */
export const ACK_LINK_TTL_MS = 24 * 60 * 60_000;
