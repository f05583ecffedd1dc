// The not-found page of a segment, inside the app's layout, with the way back to its list.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function SegmentNotFound({ back }: { back: { href: string; label: string } }) {
  const t = await getTranslations("access");
  return (
    <div className="panel max-w-2xl space-y-2 p-6 text-sm" data-testid="not-found">
      <h1 className="text-base font-semibold">{t("notFound")}</h1>
      <Link className="inline-block text-blue-700 underline dark:text-blue-400" href={back.href}>
        {back.label}
      </Link>
    </div>
  );
}
