using Azure;
using Azure.Storage.Blobs;
using Billing.Core.Common;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>
/// Invoice PDFs in blob storage, at <c>invoices/{spaceId}/{number}.pdf</c> as issued (V3), and at
/// <c>{number}.paid.pdf</c> as paid, the receipt of an invoice issued unpaid (the status is on the page, V2).
/// A PDF is written once and never replaced.
/// </summary>
public sealed class InvoiceDocumentStore(BlobContainerClient container)
{
    public Task PutAsync(SpaceId space, InvoiceNumber number, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken, bool paid = false) =>
        WriteOnceBlobs.PutAsync(container.GetBlobClient(PathOf(space, number, paid)), BinaryData.FromBytes(pdf), "application/pdf", cancellationToken);

    public async Task<Stream?> OpenAsync(SpaceId space, InvoiceNumber number, CancellationToken cancellationToken, bool paid = false)
    {
        try
        {
            var download = await StorageCalls.Guard(() => container.GetBlobClient(PathOf(space, number, paid)).DownloadStreamingAsync(cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(SpaceId space, InvoiceNumber number, CancellationToken cancellationToken) =>
        (await StorageCalls.Guard(() => container.GetBlobClient(PathOf(space, number, paid: false)).ExistsAsync(cancellationToken)).ConfigureAwait(false)).Value;

    private static string PathOf(SpaceId space, InvoiceNumber number, bool paid) => paid ? $"{space.Value}/{number}.paid.pdf" : $"{space.Value}/{number}.pdf";
}
