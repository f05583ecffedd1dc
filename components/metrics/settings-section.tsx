// Settings section slot (admins only); filled in by its feature.
export async function MetricsSettingsSection() {
  return null;
}
