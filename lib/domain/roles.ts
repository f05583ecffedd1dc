// Roles and what each may do. Checked on the server for every mutation (lib/server/api.ts, server actions).
import { oneOf } from "@/lib/domain/one-of";
export const ROLES = ["admin", "commander", "responder", "manager", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = oneOf(ROLES);

export const PERMISSIONS = {
  "incident.declare": ["admin", "commander", "responder"],
  "incident.update": ["admin", "commander", "responder"],
  "incident.assignCommander": ["admin", "commander"],
  "incident.note": ["admin", "commander", "responder", "manager"],
  "diagnostics.run": ["admin", "commander", "responder"],
  "escalation.ack": ["admin", "commander", "manager"],
  "postmortem.edit": ["admin", "commander", "responder"],
  "contacts.edit": ["admin"],
  "tokens.manage": ["admin"],
  "settings.manage": ["admin"],
  "users.manage": ["admin"],
  "drill.start": ["admin", "commander"],
  "oncall.edit": ["admin", "commander"],
  "status.publish": ["admin", "commander"],
  "insights.view": ["admin", "commander", "manager"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
