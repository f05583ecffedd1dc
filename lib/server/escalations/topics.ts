// Change-bus topics of the escalation feature (the board listens to ESCALATIONS_TOPIC; the incident room
// to incident:<id>, which every escalation change publishes too).
export const ESCALATIONS_TOPIC = "escalations";
export const incidentTopicOf = (id: number) => `incident:${id}`;
