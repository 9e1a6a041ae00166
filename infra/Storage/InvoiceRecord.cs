using System.Collections.Immutable;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>
/// The row of one invoice in its space's partition: core's <see cref="Invoice"/> at the point of its life it
/// has reached (written unnumbered with the decision that issued it, then numbered from the issuer's sequence, V1).
/// Storage's codec only: what the invoice is and how it moves belong to core.
/// </summary>
internal sealed record InvoiceRecord(
    InvoiceDraft Draft,
    InvoiceStatus Status,
    DateTimeOffset? PaidAt,
    InvoiceNumber? Number,
    Issuer? Issuer,
    string? HeldPayment,
    string? Payment = null,
    ImmutableArray<ReceivedPayment> Received = default,
    ImmutableArray<InvoiceRefund> Refunds = default)
{
    public static InvoiceRecord Of(Invoice invoice) =>
        new(invoice.Content, invoice.Status, invoice.PaidAt, invoice.Number, invoice.Issuer, invoice.HeldPayment, invoice.Payment, invoice.Received, invoice.Refunds);

    // Rows written before bank transfers (I3) or refunds (V5) were recorded have none.
    public Invoice ToInvoice() => Invoice.Restore(Draft, Status, PaidAt, HeldPayment, Issuer, Number, Payment, Received, Refunds);
}
