import { providerWebhook } from "@/lib/server/api";
import { handleTwilioSms } from "@/lib/server/reach/inbound";

export const dynamic = "force-dynamic";

export const POST = providerWebhook(handleTwilioSms);
