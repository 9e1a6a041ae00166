using Azure;
using Azure.Storage.Blobs;
using Billing.Core.Common;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>Invoice PDFs in blob storage, at <c>invoices/{spaceId}/{number}.pdf</c> (V3). A PDF is written once and never replaced.</summary>
public sealed class InvoiceDocumentStore(BlobContainerClient container)
{
    public Task PutAsync(SpaceId space, InvoiceNumber number, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken) =>
        WriteOnceBlobs.PutAsync(container.GetBlobClient(PathOf(space, number)), BinaryData.FromBytes(pdf), "application/pdf", cancellationToken);

    public async Task<Stream?> OpenAsync(SpaceId space, InvoiceNumber number, CancellationToken cancellationToken)
    {
        try
        {
            var download = await StorageCalls.Guard(() => container.GetBlobClient(PathOf(space, number)).DownloadStreamingAsync(cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(SpaceId space, InvoiceNumber number, CancellationToken cancellationToken) =>
        (await StorageCalls.Guard(() => container.GetBlobClient(PathOf(space, number)).ExistsAsync(cancellationToken)).ConfigureAwait(false)).Value;

    private static string PathOf(SpaceId space, InvoiceNumber number) => $"{space.Value}/{number}.pdf";
}
