import { statusFeed } from "@/lib/server/status/feeds";
import { statusLocale } from "@/lib/server/status/locale";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return statusFeed(statusLocale(new URL(request.url).searchParams.get("lang")));
}
