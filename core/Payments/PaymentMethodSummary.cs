namespace Billing.Core.Payments;

/// <summary>What may be shown of a payment method (P2): a card's brand, last four digits and expiry, or a PayPal email.</summary>
public sealed record PaymentMethodSummary(string? Brand, string? Last4, int? ExpiryMonth, int? ExpiryYear, string? Email);
