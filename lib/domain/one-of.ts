// The guard behind every "is this one of our known names" check (roles, severities, probe ids...).

/** A type guard that accepts exactly the strings of `values`. */
export function oneOf<T extends string>(values: readonly T[]): (value: unknown) => value is T {
  return (value: unknown): value is T => typeof value === "string" && (values as readonly string[]).includes(value);
}
