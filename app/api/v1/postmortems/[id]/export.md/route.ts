import { z } from "zod";
import { apiRoute, validationError } from "@/lib/server/api";
import { exportPostmortemMarkdown } from "@/lib/server/postmortems/export";
import { LOCALES } from "@/lib/i18n/locales";

// Headings in the manual's language (Korean) unless ?locale=en is asked for.
const query = z.strictObject({
  locale: z.enum(LOCALES, { error: "locale must be ko or en." }).optional(),
  download: z.enum(["1"], { error: "download must be 1." }).optional(),
});

export const GET = apiRoute({}, async ({ params, request }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const { markdown, filename } = await exportPostmortemMarkdown(params.id, parsed.data.locale ?? "ko");
  return new Response(markdown, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `${parsed.data.download ? "attachment" : "inline"}; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
