import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { requirePerson } from "../person";
import { pagingContactInput } from "@/lib/domain/oncall/paging-contact";
import { getPagingContact, setPagingContact } from "@/lib/server/oncall/paging-contact";

/** The phone and Slack id the app pages me on when I am on call. */
export const GET = apiRoute({}, async ({ actor }) => getPagingContact(requirePerson(actor.userId, tokenRefused)));
export const PUT = apiRoute({ body: pagingContactInput }, async ({ actor, body }) =>
  setPagingContact(actor, requirePerson(actor.userId, tokenRefused), body),
);

const tokenRefused = () => new AppError("bad_request", "Sign in: paging contacts belong to people, not API tokens.");
