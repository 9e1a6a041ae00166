using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Billing.Infra.Storage;

/// <summary>Blobs written once and never replaced (invoice PDFs, webhook bodies): a second write of the same blob is a no-op.</summary>
internal static class WriteOnceBlobs
{
    public static async Task PutAsync(BlobClient blob, BinaryData content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await StorageCalls.Guard(() => blob.UploadAsync(
                content,
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken)).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already there: its content never changes.
        }
    }
}
