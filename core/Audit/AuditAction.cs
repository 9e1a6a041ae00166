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

    /// <summary>An organization's or division's upgrade took over the plans of its teams (U11); after: their ids.</summary>
    TeamPlansTakenOver,
    BillingOwnerTransferred,
    BillingInfoUpdated,
    PaymentMethodChanged,
    InvoiceIssued,
    InvoicePaid,

    /// <summary>Sales recorded a bank transfer received against an invoice (I3); before and after: the amount due.</summary>
    PaymentReceived,

    /// <summary>The renewal run reminded the billing owner of an overdue invoice (I4); before and after: the awaited transfer.</summary>
    PaymentReminderSent,
    PaymentFailed,
    PaymentActionRequired,
    /// <summary>Money given back on a paid invoice with a credit note (V5, U11, U12), here or at the provider.</summary>
    InvoiceRefunded,

    /// <summary>Sales voided an open invoice with a credit note (V5).</summary>
    InvoiceVoided,
    PaymentDisputed,
    PaymentMethodUpdated,
    PaymentMethodRemoved,
    TaxExemptionChanged,
    TaxIdRechecked,
}
