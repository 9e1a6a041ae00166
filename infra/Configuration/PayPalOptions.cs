namespace Billing.Infra.Configuration;

/// <summary><c>PayPal__*</c>: PayPal accounts through PayPal's REST API (P1). Enabled when client credentials are set.</summary>
public sealed class PayPalOptions
{
    public const string Section = "PayPal";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The id PayPal gave the webhook; part of what each event's signature covers.</summary>
    public string? WebhookId { get; set; }

    /// <summary>PayPal's live API by default; <c>https://api-m.sandbox.paypal.com</c> for PayPal's sandbox; tests point it at a local stub.</summary>
    public Uri ApiBase { get; set; } = new("https://api-m.paypal.com");

    /// <summary>Where PayPal sends the payer back after approving a saved account (the billing tab).</summary>
    public Uri? ReturnUrl { get; set; }

    /// <summary>How long one attempt of a call to PayPal may take; the resilience handler retries transient failures with the same PayPal-Request-Id.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
