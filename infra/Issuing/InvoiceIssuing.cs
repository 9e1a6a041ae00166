using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Infra.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Infra.Issuing;

/// <summary>
/// Finishes a stored invoice: numbers it from the issuer's sequence (V1), or a credit note from the
/// credit notes' own sequence (V5), renders its PDF and keeps it in blob storage (V3). Every step is
/// idempotent, so finishing twice, or after a crash, is safe.
/// </summary>
public sealed class InvoiceIssuing(
    InvoiceNumbering numbering,
    [FromKeyedServices(InvoiceIssuing.CreditNotes)] InvoiceNumbering creditNotes,
    InvoiceDocumentStore documents,
    IInvoicePdfRenderer renderer)
{
    /// <summary>The key of the credit notes' <see cref="InvoiceNumbering"/>.</summary>
    public const string CreditNotes = "credit-notes";

    // The PDFs rendered last, for the email that follows within the same delivery, so it need not read the blob back.
    private const int Kept = 64;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReadOnlyMemory<byte>> _recent = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _order = new();

    /// <summary>
    /// The invoice numbered (<see cref="Invoice.IsNumbered"/>), with its PDF stored. <paramref name="read"/>: its row as the caller just wrote it,
    /// if it has it. <paramref name="stampWith"/>: the caller's write that stores the number with more (see <see cref="InvoiceNumbering.NumberAsync"/>),
    /// answering the invoice as that write stored it, or null when it did not store it. An invoice that write stored paid (a renewal charged
    /// before it was numbered) was issued paid: its one document is rendered paid, and also serves as its receipt (the email takes it).
    /// </summary>
    public async Task<Invoice> FinishAsync(
        SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken, InvoiceRead? read = null, Func<Invoice, Task<Invoice?>>? stampWith = null)
    {
        var found = read ?? await numbering.ReadAsync(space, invoiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Invoice {space}/{invoiceId} is not stored.");
        var sequence = found.Invoice.Content.IsCreditNote ? creditNotes : numbering;
        Invoice? stored = null;
        Func<Invoice, Task<bool>>? stamp = stampWith is null ? null : async numbered => (stored = await stampWith(numbered).ConfigureAwait(false)) is not null;
        var (invoice, drawn) = await sequence.NumberAsync(space, invoiceId, cancellationToken, found, stamp).ConfigureAwait(false);
        var number = invoice.NumberOrThrow;
        // A number drawn just now has no PDF yet; an older one may (written once, so asked first rather than rendered again).
        if (drawn || !await documents.ExistsAsync(space, number, cancellationToken).ConfigureAwait(false))
        {
            var document = drawn && stored is { } paid && IsReceipt(paid) && paid.Number == number ? paid : invoice;
            var pdf = renderer.RenderPdf(document);
            await documents.PutAsync(space, number, pdf, cancellationToken).ConfigureAwait(false);
            Keep(KeyOf(space, document), pdf);
        }

        return invoice;
    }

    /// <summary>
    /// The invoice's PDF as it stands: the one just rendered, or the stored one; null when it was never stored. A paid
    /// invoice's is the paid one (the receipt, B4): rendered once it is paid and kept beside the one issued, which said open
    /// (an invoice issued paid, just rendered by <see cref="FinishAsync"/>, is its own receipt and is not rendered again).
    /// </summary>
    public async Task<ReadOnlyMemory<byte>?> DocumentAsync(SpaceId space, Invoice invoice, CancellationToken cancellationToken)
    {
        if (_recent.TryGetValue(KeyOf(space, invoice), out var kept))
        {
            return kept;
        }

        var paid = IsReceipt(invoice);
        await using var stream = await documents.OpenAsync(space, invoice.NumberOrThrow, cancellationToken, paid).ConfigureAwait(false);
        if (stream is null && paid)
        {
            var pdf = renderer.RenderPdf(invoice);
            await documents.PutAsync(space, invoice.NumberOrThrow, pdf, cancellationToken, paid: true).ConfigureAwait(false);
            Keep(KeyOf(space, invoice), pdf);
            return pdf;
        }

        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    // A credit note is issued settled: its one document says so already.
    private static bool IsReceipt(Invoice invoice) => invoice.Status == InvoiceStatus.Paid && !invoice.Content.IsCreditNote;

    // The document of an invoice at the point of its life it shows: issued, or paid.
    private static string KeyOf(SpaceId space, Invoice invoice) => $"{space}/{invoice.NumberOrThrow}/{(IsReceipt(invoice) ? "paid" : "issued")}";

    private void Keep(string key, ReadOnlyMemory<byte> pdf)
    {
        if (_recent.TryAdd(key, pdf))
        {
            _order.Enqueue(key);
        }

        while (_order.Count > Kept && _order.TryDequeue(out var oldest))
        {
            _recent.TryRemove(oldest, out _);
        }
    }
}
