"use client";
import { useTranslations } from "next-intl";

export function PrintButton() {
  const t = useTranslations("postmortems.print");
  return (
    <button type="button" className="btn-primary print:hidden" onClick={() => window.print()} data-testid="print-button">
      {t("print")}
    </button>
  );
}
