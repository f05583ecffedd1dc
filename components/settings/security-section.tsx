import { getTranslations } from "next-intl/server";
import { prisma } from "@/lib/server/db";
import { env, oidcConfigured } from "@/lib/server/env";
import { sameIssuer } from "@/lib/server/users";
import type { Actor } from "@/lib/server/actor";
import { SecurityActions } from "./security-actions";

/** Settings → sign-in and sessions: link company SSO explicitly, sign out on every device; admins manage users. */
export async function SecuritySection({ actor, isAdmin, linked }: { actor: Actor; isAdmin: boolean; linked: boolean }) {
  const t = await getTranslations("users");
  if (!actor.userId) return null;
  const sso = oidcConfigured() ? env().OIDC_NAME : null;
  const identities = sso ? await prisma.userIdentity.findMany({ where: { userId: actor.userId } }) : [];
  const hasSso = identities.some((i) => sameIssuer(i.issuer, env().OIDC_ISSUER ?? ""));
  return (
    <section className="panel space-y-2 p-4" data-testid="security-section">
      <h2 className="font-semibold">{t("security")}</h2>
      {linked && hasSso && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {t("linkDone", { name: sso ?? "SSO" })}
        </p>
      )}
      {sso && <p className="text-sm">{hasSso ? t("ssoLinked", { name: sso }) : t("ssoNotLinked", { name: sso })}</p>}
      <SecurityActions
        userId={actor.userId}
        linkLabel={sso && !hasSso ? t("linkSso", { name: sso }) : null}
        signOutLabel={t("signOutMine")}
      />
      {isAdmin && (
        <p className="text-sm">
          <a href="/settings/users" className="font-medium text-sky-700 hover:underline dark:text-sky-400">
            {t("manage")} →
          </a>
        </p>
      )}
    </section>
  );
}
