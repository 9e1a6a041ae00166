namespace Billing.Functions.Web;

/// <summary>
/// What the billing tab's page needs to know of this deployment, written into the page itself (no
/// extra round trip): how to sign in, and which payment methods it can offer.
/// </summary>
public sealed record WebPageConfig(
    bool FragmentTokens,
    WebSignInConfig? SignIn,
    bool Sandbox,
    string? StripePublishableKey,
    bool PayPal);

/// <summary>OpenID Connect, authorization code with PKCE (API.md): <c>Auth__Authority</c>, <c>Web__ClientId</c>, <c>Web__Scope</c>.</summary>
public sealed record WebSignInConfig(string Authority, string ClientId, string Scope);
