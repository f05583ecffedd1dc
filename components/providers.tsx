"use client";
import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import { LiveUpdatesProvider } from "@/lib/client/use-live";
import { z } from "zod";

// zod's fast path probes `new Function("")`, which the pages' CSP (no 'unsafe-eval') reports as a
// violation; the interpreter it falls back to is the same validation.
z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1, refetchOnWindowFocus: true } } }),
  );
  return (
    <SessionProvider>
      <QueryClientProvider client={client}>
        <LiveUpdatesProvider>{children}</LiveUpdatesProvider>
      </QueryClientProvider>
    </SessionProvider>
  );
}
