using Billing.Core.Payments;

namespace Billing.Functions.Views;

/// <summary>A payment method as shown: the provider and its summary, never the token (P2).</summary>
public sealed record PaymentMethodView(string Provider, string? Brand, string? Last4, int? ExpiryMonth, int? ExpiryYear, string? Email)
{
    public static PaymentMethodView Of(PaymentMethod method) =>
        new(method.Provider.ToApiName(), method.Summary.Brand, method.Summary.Last4, method.Summary.ExpiryMonth, method.Summary.ExpiryYear, method.Summary.Email);
}
