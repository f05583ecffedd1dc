import { subscribeInput } from "@/lib/domain/status/input";
import { subscribe, SUBSCRIBE_MAX_BYTES } from "@/lib/server/status/subscribers";
import { statusLocale } from "@/lib/server/status/locale";
import { readTextLimited } from "@/lib/server/security/body";
import { requireSameOrigin } from "@/lib/server/security/origin-check";
import { requireSafeJson, requireSafeStrings } from "@/lib/server/security/text-guard";
import { errorResponse, validationError } from "@/lib/server/api";
import { requestLocale } from "@/lib/server/security/messages";

// POST from the status page's form (works without JavaScript: answers with a redirect) or as JSON (202). Public, but
// only from this site's own page (a foreign site cannot sign people up), and hostile text is refused before the schema.
export async function POST(request: Request) {
  const type = request.headers.get("content-type") ?? "";
  const json = /^application\/json\b/i.test(type);
  const locale = requestLocale(request.headers);
  try {
    requireSameOrigin(request, locale);
    const text = await readTextLimited(request, SUBSCRIBE_MAX_BYTES, locale);
    let raw: unknown;
    if (json) {
      raw = JSON.parse(text);
      requireSafeJson(raw, locale);
    } else {
      const form = new URLSearchParams(text);
      requireSafeStrings(form.entries(), locale);
      raw = { email: form.get("email") ?? "", components: form.getAll("components"), locale: statusLocale(form.get("locale")) };
    }
    const parsed = subscribeInput.safeParse(raw);
    if (!parsed.success) {
      if (json) throw validationError(parsed.error, locale);
      const pageLocale = statusLocale((raw as { locale?: string }).locale);
      return new Response(null, { status: 303, headers: { location: `/status/subscribed?error=1&lang=${pageLocale}` } });
    }
    await subscribe(parsed.data);
    if (json) return Response.json({ pending: true }, { status: 202 });
    return new Response(null, { status: 303, headers: { location: `/status/subscribed?lang=${parsed.data.locale}` } });
  } catch (error) {
    if (error instanceof SyntaxError)
      return Response.json({ error: { code: "bad_request", message: "The body is not valid JSON." } }, { status: 400 });
    return errorResponse(error);
  }
}
