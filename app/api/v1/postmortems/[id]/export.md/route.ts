import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { exportPostmortemMarkdown } from "@/lib/server/postmortems/export";
import { LOCALES } from "@/lib/i18n/locales";

// Headings in the manual's language (Korean) unless ?locale=en is asked for.
const querySchema = z.strictObject({
  locale: z.enum(LOCALES, { error: "locale must be ko or en." }).optional(),
  download: z.enum(["1"], { error: "download must be 1." }).optional(),
});

export const GET = apiRoute({ query: querySchema }, async ({ params, query }) => {
  const { markdown, filename } = await exportPostmortemMarkdown(params.id, query.locale ?? "ko");
  return new Response(markdown, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `${query.download ? "attachment" : "inline"}; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
