// oidc-provider ships no types; the test harness uses only its constructor and callback().
declare module "oidc-provider";
