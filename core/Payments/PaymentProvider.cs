namespace Billing.Core.Payments;

/// <summary>Who collects the money (P1): a card through Stripe, a PayPal account, the offline sandbox, or a bank transfer against an invoice (I1).</summary>
public enum PaymentProvider
{
    Stripe,
    PayPal,
    Sandbox,
    Invoice,
}

public static class PaymentProviderNames
{
    public static string ToApiName(this PaymentProvider provider) => provider switch
    {
        PaymentProvider.Stripe => "stripe",
        PaymentProvider.PayPal => "paypal",
        PaymentProvider.Sandbox => "sandbox",
        PaymentProvider.Invoice => "invoice",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static bool TryParseApiName(string? text, out PaymentProvider provider)
    {
        foreach (var candidate in Enum.GetValues<PaymentProvider>())
        {
            if (candidate.ToApiName() == text)
            {
                provider = candidate;
                return true;
            }
        }

        provider = default;
        return false;
    }
}
