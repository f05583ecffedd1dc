// A real OpenID provider (panva's certified oidc-provider) on a local port for the SSO journeys.
// The app is started with OIDC_ISSUER pointing here (playwright.config.ts); tests restart the provider with other
// settings (claims only in userinfo, a different client secret) or stop it (provider unreachable).
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { E2E_PORTS } from "./env";

export const OIDC_PORT = E2E_PORTS[0] + 77;
export const OIDC_ISSUER = `http://localhost:${OIDC_PORT}`;
export const OIDC_CLIENT_ID = "incident-command";
export const OIDC_CLIENT_SECRET = "e2e-oidc-client-secret-0123456789";

/** The app's environment for SSO in every browser run (the password form stays on). */
export const oidcServerEnv = {
  OIDC_ISSUER,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_NAME: "Test SSO",
  OIDC_SCOPE: "openid email profile groups",
  OIDC_ROLE_CLAIM: "groups",
  OIDC_ROLE_MAP: "ic-admins=admin,war-room=commander,oncall=responder",
};

export interface AccountClaims {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface ProviderOptions {
  /** true (the provider's default, per the spec): with an access token, profile claims only in userinfo */
  claimsOnlyInUserinfo: boolean;
  /** the secret the provider expects; another value than the app's means a misconfigured client */
  clientSecret?: string;
}

export class TestProvider {
  /** login name typed at the provider = subject; tests edit the claims between sign-ins */
  readonly accounts = new Map<string, AccountClaims>();
  private server: Server | null = null;
  readonly issuer: string;

  /** appOrigins: where the app runs (redirect and post-logout URIs are registered for each) */
  constructor(
    readonly port = OIDC_PORT,
    readonly appOrigins = E2E_PORTS.map((p) => `http://localhost:${p}`),
  ) {
    this.issuer = `http://localhost:${port}`;
  }

  /** Starts the provider, or swaps the running one for one with new options (the port stays open, no dropped connections). */
  async start(options: ProviderOptions) {
    const { default: Provider } = (await import("oidc-provider")) as unknown as {
      default: new (issuer: string, config: object) => { callback(): (req: unknown, res: unknown) => void };
    };
    const redirects = this.appOrigins.map((o) => `${o}/api/auth/callback/oidc`);
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: OIDC_CLIENT_ID,
          client_secret: options.clientSecret ?? OIDC_CLIENT_SECRET,
          redirect_uris: redirects,
          post_logout_redirect_uris: this.appOrigins.map((o) => `${o}/login`),
        },
      ],
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
      scopes: ["openid", "offline_access", "email", "profile", "groups"],
      conformIdTokenClaims: options.claimsOnlyInUserinfo,
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      findAccount: async (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: async () => ({ sub, ...(this.accounts.get(sub) ?? {}) }),
      }),
    });
    this.handler = provider.callback() as never;
    if (this.server) return;
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => this.handler(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, () => resolve()); // all interfaces: "localhost" may resolve to ::1 or 127.0.0.1
    });
    this.server = server;
  }

  private handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

  async stop() {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
