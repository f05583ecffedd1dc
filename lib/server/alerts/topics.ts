// Change-bus topics of the metrics feature (lib/server/change-bus.ts): pages refetch when they change.
export { ALERTS_TOPIC, DRILLS_TOPIC } from "@/lib/domain/live-topics";
