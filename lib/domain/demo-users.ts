// Demo accounts for the embedded default (local use only; listed in the README).
import type { Role } from "./roles";

export const DEMO_PASSWORD = "incident-demo";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@example.com", name: "Admin Kim", role: "admin" },
  { email: "commander@example.com", name: "Commander Lee", role: "commander" },
  { email: "responder@example.com", name: "Responder Park", role: "responder" },
  { email: "manager@example.com", name: "Manager Choi", role: "manager" },
  { email: "viewer@example.com", name: "Viewer Jung", role: "viewer" },
];
