import { providerWebhook } from "@/lib/server/api";
import { handleSlackInteraction } from "@/lib/server/reach/inbound";

export const dynamic = "force-dynamic";

export const POST = providerWebhook(handleSlackInteraction);
