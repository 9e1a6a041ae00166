using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Payments;
using Billing.Core.Tax;

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
    TaxTreatment Taxation,
    Currency Currency,
    PaymentMethod PaymentMethod,
    InvoiceId? Credits = null)
{
    /// <summary>A credit note (V5): <see cref="Credits"/> names the invoice it gives part of back.</summary>
    public bool IsCreditNote => Kind == InvoiceKind.CreditNote;

    public Money Subtotal => InvoiceTotals.Subtotal(Lines, Currency);

    /// <summary>
    /// The tax as stated rather than computed: a refund's credit note carries its share of the credited
    /// invoice's tax, so that its total is exactly minus the amount refunded (V5); null on every other invoice.
    /// </summary>
    public Money? StatedTax { get; init; }

    /// <summary>The number of the invoice a credit note credits, when it was numbered as the note was decided (a void, a refund), for the note to print.</summary>
    public InvoiceNumber? CreditsNumber { get; init; }

    /// <summary>The tax of the whole invoice, its proration and credit lines included, at the invoice's one treatment (T1).</summary>
    public Money Tax => StatedTax ?? Taxation.TaxOn(Subtotal);

    public Money Total => Subtotal + Tax;
}
