using Billing.Core.Common;

namespace Billing.Infra.Payments;

/// <summary>
/// Which credit note a refund made here was for (V5): written into the refund's metadata (Stripe) or
/// custom id (PayPal) and read back from the provider's refund webhook, so that a refund made here is
/// recognized and never credited a second time.
/// </summary>
public sealed record CreditNoteReference(SpaceId Space, InvoiceId Invoice, InvoiceId CreditNote)
{
    public const string CreditNoteKey = "credit_note_id";

    private const string Marker = "cn";

    /// <summary>PayPal's single <c>custom_id</c> (at most 127 characters): four parts, so it is never read as a charge's three.</summary>
    public string ToCustomId() => $"{Space}|{Invoice}|{CreditNote}|{Marker}";

    public static CreditNoteReference? FromCustomId(string? customId) =>
        customId?.Split('|') is [var space, var invoice, var note, Marker] ? From(space, invoice, note) : null;

    public static CreditNoteReference? From(string? space, string? invoice, string? creditNote) =>
        SpaceId.TryParse(space, out var s) && InvoiceId.TryParse(invoice, out var i) && InvoiceId.TryParse(creditNote, out var n) ? new(s, i, n) : null;
}
