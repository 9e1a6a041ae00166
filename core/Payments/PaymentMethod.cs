namespace Billing.Core.Payments;

/// <summary>
/// The way a subscription pays. Only the provider's token and a summary are kept (P2); payment by
/// invoice has neither.
/// </summary>
public sealed record PaymentMethod
{
    private PaymentMethod(PaymentProvider provider, string? token, PaymentMethodSummary summary)
    {
        Provider = provider;
        Token = token;
        Summary = summary;
    }

    public PaymentProvider Provider { get; }

    /// <summary>The provider's reusable token (Stripe PaymentMethod id, PayPal vault token, sandbox token); null for invoice.</summary>
    public string? Token { get; }

    public PaymentMethodSummary Summary { get; }

    public bool IsInvoice => Provider == PaymentProvider.Invoice;

    public static PaymentMethod Saved(PaymentProvider provider, string token, PaymentMethodSummary summary)
    {
        if (provider == PaymentProvider.Invoice)
        {
            throw new ArgumentException("Payment by invoice has no token; use PaymentMethod.ByInvoice.", nameof(provider));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new PaymentMethod(provider, token, summary);
    }

    public static PaymentMethod ByInvoice { get; } = new(PaymentProvider.Invoice, null, new PaymentMethodSummary(null, null, null, null, null));
}
