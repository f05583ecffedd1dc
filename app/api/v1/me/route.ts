import { z } from "zod";
import { cookies } from "next/headers";
import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { prisma } from "@/lib/server/db";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";

const meInput = z.strictObject({ locale: z.enum(["ko", "en", "auto"], { error: "locale must be ko, en or auto." }) });

export const GET = apiRoute({}, async ({ actor }) => ({ label: actor.label, role: actor.role, kind: actor.kind }));

/** The user's language: saved on their account and in a cookie that next-intl reads. */
export const PATCH = apiRoute({ body: meInput }, async ({ actor, body }) => {
  if (!actor.userId) throw new AppError("forbidden", "Only signed-in users have a language setting.");
  const locale = body.locale === "auto" ? null : body.locale;
  await prisma.user.update({ where: { id: actor.userId }, data: { locale } });
  const jar = await cookies();
  if (locale) jar.set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  else jar.delete(LOCALE_COOKIE);
  return { locale: body.locale };
});
