// Change-bus topics of the metrics feature (lib/server/change-bus.ts): pages refetch when they change.
export const ALERTS_TOPIC = "alerts";
export const DRILLS_TOPIC = "drills";
