import { publicStatus } from "@/lib/server/status/snapshot";

// The public page's data as JSON: no sign-in, public facts only, from the same short-lived cache.
export async function GET() {
  return Response.json(await publicStatus(), { headers: { "cache-control": "public, max-age=5" } });
}
