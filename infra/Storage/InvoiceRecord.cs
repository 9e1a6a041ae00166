using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>
/// An invoice as stored in its space's partition. It is written unnumbered with the decision that
/// issued it, then numbered from the issuer's sequence (V1); <see cref="Invoice"/> exists once it is.
/// </summary>
public sealed record InvoiceRecord(InvoiceDraft Draft, InvoiceStatus Status, DateTimeOffset? PaidAt, InvoiceNumber? Number, Issuer? Issuer)
{
    public static InvoiceRecord Unnumbered(InvoiceDraft draft, InvoiceStatus status, DateTimeOffset? paidAt) => new(draft, status, paidAt, null, null);

    /// <summary>The provider's payment waiting for the billing owner to confirm it (strong customer authentication); the token of nothing secret.</summary>
    public string? HeldPayment { get; init; }

    public bool IsNumbered => Number is not null;

    public Invoice? Invoice => Number is null || Issuer is null ? null : new Invoice(Draft, Issuer, Number, Status, PaidAt);

    /// <summary>The invoice of a record known to be numbered.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Invoice Numbered => Invoice ?? throw new InvalidOperationException($"Invoice {Draft.Id} is not numbered.");
}
