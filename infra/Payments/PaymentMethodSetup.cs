using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>What the browser needs to save a method with the provider: a Stripe SetupIntent client secret, or a PayPal setup token and approval link.</summary>
public sealed record PaymentMethodSetup(PaymentProvider Provider, string? ClientSecret, string? SetupToken, Uri? ApprovalUrl);
