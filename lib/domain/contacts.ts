// The contacts directory roles (manual 6.1 and 6.3) plus the escalation roles of 6.2.
import { ESCALATION_ROLES } from "./escalation-matrix";
import { oneOf } from "@/lib/domain/one-of";

export const CONTACT_ROLES = [
  ...ESCALATION_ROLES,
  "system_admin",
  "db_admin",
  "network_admin",
  "business_owner",
  "cloud_provider",
  "cdn_provider",
  "monitoring_vendor",
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const EXTERNAL_CONTACT_ROLES: readonly ContactRole[] = ["cloud_provider", "cdn_provider", "monitoring_vendor"];

export const isContactRole = oneOf(CONTACT_ROLES);
