using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Infra.Storage;

namespace Billing.Infra.Issuing;

/// <summary>
/// Finishes a stored invoice: numbers it from the issuer's sequence (V1), renders its PDF and keeps
/// it in blob storage (V3). Every step is idempotent, so finishing twice, or after a crash, is safe.
/// </summary>
public sealed class InvoiceIssuing(InvoiceNumbering numbering, InvoiceDocumentStore documents, IInvoicePdfRenderer renderer)
{
    public async Task<Invoice> FinishAsync(SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await numbering.NumberAsync(space, invoiceId, cancellationToken).ConfigureAwait(false);
        if (!await documents.ExistsAsync(space, invoice.Number, cancellationToken).ConfigureAwait(false))
        {
            await documents.PutAsync(space, invoice.Number, renderer.RenderPdf(invoice), cancellationToken).ConfigureAwait(false);
        }

        return invoice;
    }
}
