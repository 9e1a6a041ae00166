using System.Collections.Immutable;
using Billing.Core.Payments;

namespace Billing.Core.Subscriptions;

/// <summary>What a payment provider reports, after the fact, about a charge of one invoice (P3).</summary>
public enum ReportedPayment
{
    Succeeded,
    Failed,
    RequiresAction,
    Refunded,
    Disputed,
}

/// <summary>
/// One provider's report about a charge: who reports, what happened, which attempt of the invoice's
/// charges it was (1 = first), the reason it gives (a decline code, a dispute reason), and for a payment
/// that requires action, the provider's payment the billing owner is to confirm.
/// </summary>
public sealed record PaymentReport(PaymentProvider Provider, ReportedPayment What, int Attempt, string? Reason, string? HeldPayment = null, string? Payment = null)
{
    /// <summary>For a refund: each refund the provider lists on the payment (V5), those made here included.</summary>
    public ImmutableArray<ProviderRefund> Refunds { get; init; } = [];
}
