using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>How the billing owner confirms a held payment: Stripe.js with the PaymentIntent's client secret, or PayPal's approval page.</summary>
public sealed record PaymentConfirmation(PaymentProvider Provider, string? ClientSecret, Uri? ApprovalUrl);
