using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Core.Invoicing;

/// <summary>
/// An invoice decided but not yet numbered. Numbers come from the issuer's one sequence (V1), which
/// storage draws once the issued <see cref="Invoice"/> is stored, so a decision never burns a number.
/// </summary>
public sealed record InvoiceDraft(
    InvoiceId Id,
    SpaceId SpaceId,
    SubscriptionId SubscriptionId,
    InvoiceKind Kind,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt,
    BillingPeriod Period,
    BillingInfo BillTo,
    ImmutableArray<InvoiceLine> Lines,
    TaxRate TaxRate,
    Currency Currency,
    PaymentMethod PaymentMethod)
{
    public Money Subtotal => InvoiceTotals.Subtotal(Lines, Currency);

    public Money Tax => TaxRate.TaxOn(Subtotal);

    public Money Total => Subtotal + Tax;
}
