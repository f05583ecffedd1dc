import { unsubscribe, UNSUBSCRIBE_MAX_BYTES } from "@/lib/server/status/subscribers";
import { statusLocale } from "@/lib/server/status/locale";
import { readTextLimited } from "@/lib/server/security/body";
import { requestLocale } from "@/lib/server/security/messages";
import { errorResponse } from "@/lib/server/api";
import { requireSameOrigin } from "@/lib/server/security/origin-check";
import { requireSafeStrings } from "@/lib/server/security/text-guard";

// POST ?token=… — the unsubscribe page's button and RFC 8058 one-click from mail clients (whose body is the short
// form "List-Unsubscribe=One-Click", read with a small limit and otherwise ignored). No session: the signed token is
// the credential; unsubscribing twice is harmless.
export async function POST(request: Request) {
  const locale = requestLocale(request.headers);
  try {
    // Mail providers post server-side (no browser origin headers); a browser post must come from our own page.
    requireSameOrigin(request, locale);
    requireSafeStrings(new URLSearchParams(await readTextLimited(request, UNSUBSCRIBE_MAX_BYTES, locale)).entries(), locale);
  } catch (error) {
    return errorResponse(error);
  }
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const ok = await unsubscribe(token);
  const pageLocale = statusLocale(url.searchParams.get("lang"));
  return new Response(null, { status: 303, headers: { location: `/status/unsubscribe?done=${ok ? 1 : 0}&lang=${pageLocale}` } });
}
