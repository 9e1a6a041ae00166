// Sign-in for the page (API.md): OpenID Connect authorization code with PKCE through oidc-client-ts,
// and, only when the server runs with Billing__Clock=test, a token handed in the URL fragment
// (#token=...), which browsers never send to the server. Tokens are kept in sessionStorage (this tab
// only) or in memory, never in localStorage, and the fragment is removed from the address at once.
import type { PageConfig } from "./config.js";
import type { TokenSource } from "./api.js";

const fragmentKey = "billing.fragment-token";

/** The one redirect URI to register at the identity provider; the /billing/{spaceId} route serves the page there too. */
export const signInPath = "/billing/signin";

export type SignIn = { token: TokenSource } | { error: "not-configured" } | { redirecting: true };

export async function signIn(config: PageConfig): Promise<SignIn> {
  if (config.fragmentTokens) {
    const hash = new URLSearchParams(location.hash.slice(1));
    const given = hash.get("token");
    if (given) {
      sessionStorage.setItem(fragmentKey, given);
      history.replaceState(history.state, "", location.pathname + location.search);
    }
    const kept = sessionStorage.getItem(fragmentKey);
    if (kept) return { token: async () => kept };
  }
  if (!config.signIn) return { error: "not-configured" };

  // Loaded only here, so a page that signs in otherwise does not download it.
  const { UserManager, WebStorageStateStore } = await import("oidc-client-ts");
  const store = new WebStorageStateStore({ store: sessionStorage });
  const manager = new UserManager({
    authority: config.signIn.authority,
    client_id: config.signIn.clientId,
    scope: config.signIn.scope,
    redirect_uri: location.origin + signInPath,
    response_type: "code",
    userStore: store,
    stateStore: store,
    automaticSilentRenew: false,
  });
  if (location.pathname === signInPath) {
    // Back from the identity provider: finish, then return to the page that asked for the sign-in.
    const query = new URLSearchParams(location.search);
    const back = query.has("code") && query.has("state") ? (await manager.signinRedirectCallback()).state : undefined;
    location.replace(returnPath(back));
    return { redirecting: true };
  }
  const user = await manager.getUser();
  if (!user || user.expired) {
    await manager.signinRedirect({ state: location.pathname + location.search });
    return { redirecting: true };
  }
  return {
    token: async () => {
      const current = await manager.getUser();
      if (current && !current.expired) return current.access_token;
      await manager.signinRedirect({ state: location.pathname + location.search });
      throw new Error("signing in again");
    },
  };
}

/** Only a page of this app is a place to return to: never another origin ("//host") or path. */
function returnPath(state: unknown): string {
  return typeof state === "string" && /^\/billing\/[^/]/.test(state) && !state.startsWith(signInPath) ? state : "/";
}
