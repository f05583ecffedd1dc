// Change-bus topics of the escalation feature (the board listens to ESCALATIONS_TOPIC; the incident room
// to incident:<id>, which every escalation change publishes too, naming the parts its snapshot carries).
export { ESCALATIONS_TOPIC, incidentRoomChange } from "@/lib/domain/live-topics";
