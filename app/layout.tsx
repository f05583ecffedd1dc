import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale } from "next-intl/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Incident Command", template: "%s · Incident Command" },
  description: "The shop's incident response manual as a live cockpit",
  // installable (app/manifest.ts); on iOS a Home Screen app is what may take Web Push
  appleWebApp: { capable: true, title: "장애 대응" },
  icons: { icon: "/icon.svg", apple: "/icons/icon-192.png" },
};

// Only the document here. The client providers and the message catalogues (components/app-providers.tsx) are
// added by the layouts of the pages that run client components (the signed-in app, sign-in, acknowledge links):
// the public status page renders on the server alone and must not ship the whole app's catalogues.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
