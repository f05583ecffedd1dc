import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { createPostmortem, createPostmortemInput, postmortemOfIncident } from "@/lib/server/postmortems/create";
import { requestLocale } from "@/lib/server/security/messages";

/** {postmortem: {id, status, updatedAt} | null}: whether the incident has a postmortem yet. */
export const GET = apiRoute({}, async ({ params }) => ({ postmortem: await postmortemOfIncident(incidentIdParam(params.id)) }));

/**
 * Starts the incident's postmortem, prefilled from the incident, its timeline, diagnostics and fired
 * escalations. Resolved incidents: any editor; open ones: a commander or an admin. 409 if one exists.
 * The prefilled text is in `locale`, else in the language of whoever creates it (cookie, then Accept-Language).
 */
export const POST = apiRoute({ permission: "postmortem.edit", body: createPostmortemInput }, async ({ actor, body, params, request }) => {
  const locale = body.locale ?? requestLocale(request.headers);
  const postmortem = await createPostmortem(actor, incidentIdParam(params.id), { ...body, locale });
  return Response.json(postmortem, { status: 201, headers: { location: `/api/v1/postmortems/${postmortem.id}` } });
});
