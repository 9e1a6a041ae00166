namespace Billing.Infra.Configuration;

/// <summary><c>Stripe__*</c>: cards through Stripe (P1). Enabled when a secret key is set.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }

    /// <summary>The signing secret of the webhook endpoint (<c>whsec_...</c>).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API by default; tests point it at a local stub.</summary>
    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>How long one call to Stripe may take before it is retried with the same idempotency key.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey);
}
