// Feature sections of the Settings page (admins only): each feature renders its own server component.
import { DiagnosticsSettingsSection } from "@/components/diagnostics/settings-section";
import { MetricsSettingsSection } from "@/components/metrics/settings-section";
import { EscalationsSettingsSection } from "@/components/escalations/settings-section";
import { PostmortemsSettingsSection } from "@/components/postmortems/settings-section";
import { StatusSettingsSection } from "@/components/status/settings-section";

export function FeatureSettingsSections() {
  return (
    <>
      <DiagnosticsSettingsSection />
      <MetricsSettingsSection />
      <EscalationsSettingsSection />
      <PostmortemsSettingsSection />
      <StatusSettingsSection />
    </>
  );
}
