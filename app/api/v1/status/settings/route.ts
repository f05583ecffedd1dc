import { apiRoute } from "@/lib/server/api";
import { reminderSettingsInput } from "@/lib/domain/status/input";
import { reminderSettings, saveReminderSettings } from "@/lib/server/status/settings";

export const GET = apiRoute({}, async () => ({ reminders: await reminderSettings() }));

export const PUT = apiRoute({ permission: "settings.manage", body: reminderSettingsInput }, async ({ actor, body }) => ({
  reminders: await saveReminderSettings(actor, body),
}));
