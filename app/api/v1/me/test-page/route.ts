import { apiRoute } from "@/lib/server/api";
import { sendTestPage } from "@/lib/server/reach/test-page";

/** "Send me a test page": one page through each of my contact methods, each with an acknowledge link. */
export const POST = apiRoute({}, async ({ actor }) => Response.json(await sendTestPage(actor), { status: 201 }));
