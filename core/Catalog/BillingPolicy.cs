using System.Collections.Immutable;
using Billing.Core.Calendar;

namespace Billing.Core.Catalog;

/// <summary>The knobs of the rules that a catalog may set: trial length (U10), dunning (R3), invoice payment (I1).</summary>
public sealed record BillingPolicy(
    int TrialDays,
    int TrialEndingNoticeDays,
    ImmutableArray<int> PaymentRetryDays,
    BillingCycle InvoicePaymentCycle,
    int InvoicePaymentMinimumMembers,
    int InvoicePaymentNetDays)
{
    public TimeSpan TrialLength => TimeSpan.FromDays(TrialDays);

    /// <summary>I4: the days after an invoice's due date on which its billing owner is reminded while it is unpaid (<c>Invoices__ReminderDays</c>).</summary>
    public ImmutableArray<int> InvoiceReminderDays { get; init; } = [0, 7, 14];
}
