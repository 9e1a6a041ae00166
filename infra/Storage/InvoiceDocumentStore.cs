using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Billing.Core.Common;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>Invoice PDFs in blob storage, at <c>invoices/{spaceId}/{number}.pdf</c> (V3). A PDF is written once and never replaced.</summary>
public sealed class InvoiceDocumentStore(BlobContainerClient container)
{
    public async Task PutAsync(SpaceId space, InvoiceNumber number, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken)
    {
        try
        {
            await StorageCalls.Guard(() => container.GetBlobClient(PathOf(space, number)).UploadAsync(
                BinaryData.FromBytes(pdf),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken)).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already stored: an invoice's document never changes.
        }
    }

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
