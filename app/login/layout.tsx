import type { ReactNode } from "react";
import { AppProviders } from "@/components/app-providers";

export default function LoginLayout({ children }: { children: ReactNode }) {
  return <AppProviders>{children}</AppProviders>;
}
