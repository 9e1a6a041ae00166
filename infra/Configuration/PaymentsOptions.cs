namespace Billing.Infra.Configuration;

/// <summary>
/// <c>Payments__*</c>: <c>Payments__Sandbox</c>, the offline provider of local runs and tests (refused in
/// Production), and each provider's request rate per instance (<c>Payments__Stripe__MaxRequestsPerSecond</c>,
/// <c>Payments__PayPal__MaxRequestsPerSecond</c>).
/// </summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    public bool Sandbox { get; set; }

    /// <summary>
    /// Stripe allows an account 100 operations a second in live mode and 25 in test mode; the default keeps
    /// four instances under the live limit. Set it to the account's limit divided by the Function App's
    /// maximum instance count.
    /// </summary>
    public ProviderRateOptions Stripe { get; set; } = new() { MaxRequestsPerSecond = 25 };

    /// <summary>PayPal publishes no fixed figure (it answers 429 RATE_LIMIT_REACHED); a conservative default.</summary>
    public ProviderRateOptions PayPal { get; set; } = new() { MaxRequestsPerSecond = 10 };
}

/// <summary>How many requests one instance sends a payment provider in any second.</summary>
public sealed class ProviderRateOptions
{
    public int MaxRequestsPerSecond { get; set; }
}
