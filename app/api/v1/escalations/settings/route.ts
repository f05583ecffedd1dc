import { apiRoute } from "@/lib/server/api";
import { businessHoursInput } from "@/lib/domain/escalation-input";
import { getBusinessHours, setBusinessHours } from "@/lib/server/escalations/settings";
import { describeChannels } from "@/lib/server/escalations/config";

/** Admins: notification channels (secrets masked) and the business hours that hold P3 notifications. */
export const GET = apiRoute({ permission: "settings.manage" }, async () => ({
  businessHours: await getBusinessHours(),
  ...describeChannels(),
}));

export const PUT = apiRoute({ permission: "settings.manage", body: businessHoursInput }, async ({ actor, body }) => ({
  businessHours: await setBusinessHours(actor, body),
}));
