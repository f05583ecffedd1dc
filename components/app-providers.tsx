import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { Providers } from "@/components/providers";

/**
 * What client components need around them: the reader's messages (all catalogues: the app's client components
 * translate on the browser) and the session, query and live-update providers. Used by the layouts of the
 * pages with client components; the public status page has none and goes without.
 */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider>
      <Providers>{children}</Providers>
    </NextIntlClientProvider>
  );
}
