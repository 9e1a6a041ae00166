using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Tax;

namespace Billing.Core.Subscriptions;

/// <summary>
/// The paid plan of one space, for life (U7). Its periods are counted from <see cref="Anchor"/>
/// (M3); <see cref="PeriodIndex"/> says which one is paid for now. Past due while
/// <see cref="Dunning"/> is set (R3).
/// </summary>
public sealed record Subscription(
    SubscriptionId Id,
    TierId Tier,
    BillingCycle Cycle,
    SeatCount Seats,
    Currency Currency,
    UserId BillingOwner,
    BillingInfo BillingInfo,
    PaymentMethod PaymentMethod,
    BillingAnchor Anchor,
    int PeriodIndex,
    ScheduledChange? ScheduledChange,
    bool CancelAtPeriodEnd,
    Dunning? Dunning,
    int ChangeInvoiceCount)
{
    /// <summary>Set by sales (T3): the invoices issued while it stands carry no tax and print its reason.</summary>
    public TaxExemption? TaxExemption { get; init; }

    /// <summary>
    /// The tax of the invoice that paid the current period (T1): a credit note for part of the period
    /// carries it (V5), whatever the billing information, tax id status or exemption say since.
    /// Null for a period paid before it was kept; the credit note then takes today's.
    /// </summary>
    public TaxTreatment? PeriodTaxation { get; init; }

    public BillingPeriod CurrentPeriod => Anchor.Period(Cycle, PeriodIndex);

    public DateTimeOffset RenewsAt => CurrentPeriod.End;

    /// <summary>The invoices paid by invoice still waiting for their bank transfer (I4), oldest first.</summary>
    public System.Collections.Immutable.ImmutableArray<AwaitedTransfer> AwaitedTransfers { get; init; } = [];

    /// <summary>Past due while a charge is retried (R3) or an invoice paid by bank transfer is overdue (I4).</summary>
    public SubscriptionStatus Status => Dunning is null && !AwaitedTransfers.Any(a => a.IsOverdue) ? SubscriptionStatus.Active : SubscriptionStatus.PastDue;

    /// <summary>Paid by bank transfer: self-serve changes go through sales (I2).</summary>
    public bool IsPaidByInvoice => PaymentMethod.IsInvoice;

    /// <summary>The id of the invoice that pays the period starting at <paramref name="periodStart"/>: one per period (R2).</summary>
    public InvoiceId RenewalInvoiceId(DateTimeOffset periodStart) =>
        InvoiceId.Parse($"{Id}-p{periodStart.UtcDateTime:yyyyMMddHHmmss}");

    /// <summary>The id of the next invoice for a change within a period.</summary>
    public InvoiceId NextChangeInvoiceId() =>
        InvoiceId.Parse(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Id}-c{ChangeInvoiceCount + 1}"));
}
