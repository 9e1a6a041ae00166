namespace Billing.Core.Audit;

/// <summary>What an audit record is about (A1).</summary>
public enum AuditAction
{
    SpaceUpdated,
    MemberAdded,
    MemberUpdated,
    MemberRemoved,
    TrialStarted,
    TrialEnded,
    SubscriptionStarted,
    SubscriptionChanged,
    ChangeScheduled,
    CancellationScheduled,
    CancellationWithdrawn,
    SubscriptionRenewed,
    SubscriptionEnded,
    BillingOwnerTransferred,
    BillingInfoUpdated,
    PaymentMethodChanged,
    InvoiceIssued,
    InvoicePaid,
    PaymentFailed,
    PaymentActionRequired,
    InvoiceRefunded,
    PaymentDisputed,
    PaymentMethodUpdated,
    PaymentMethodRemoved,
    TaxExemptionChanged,
    TaxIdRechecked,
}
