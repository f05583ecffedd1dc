// Shared by the paging-readiness tests: every adapter configured, and a directory with every role fully filled in.
import type { ConfiguredAdapters } from "@/lib/domain/paging-readiness";
import type { ContactEntry } from "@/lib/domain/notification-plan";

export const everything: ConfiguredAdapters = {
  slack: { "#emergency": true, "#alerts": true, "#monitoring": true },
  email: true,
  sms: true,
  phone: true,
};

/** A contact with a phone, an email and a Slack id. */
export const full = (role: string, name: string): ContactEntry => ({
  role,
  name,
  phone: "+82 10-1111-2222",
  email: `${name.toLowerCase()}@example.com`,
  slackHandle: "U0123ABCD",
});

/** Every role of the directory, each with a full contact named after it ("teamlead", "dbadmin"...). */
export const complete: ContactEntry[] = ["team_lead", "department_head", "executive", "system_admin", "db_admin", "network_admin"].map(
  (r) => full(r, r.replace("_", "")),
);
