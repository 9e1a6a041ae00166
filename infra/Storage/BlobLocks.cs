using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Billing.Infra.Storage;

/// <summary>
/// Named locks that one instance at a time holds, across instances: a lease on a blob of the locks
/// container, renewed while held. A holder that dies loses its lock when the lease runs out.
/// </summary>
public sealed class BlobLocks(BlobContainerClient locks)
{
    private static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(60);

    /// <returns>The lock, held until disposed; null while another instance holds it.</returns>
    public async Task<HeldLock?> TryTakeAsync(string name, CancellationToken cancellationToken)
    {
        var blob = locks.GetBlobClient(name);
        if (!(await StorageCalls.Guard(() => blob.ExistsAsync(cancellationToken)).ConfigureAwait(false)).Value)
        {
            try
            {
                await StorageCalls.Guard(() => blob.UploadAsync(BinaryData.FromString($"{name} lock"), overwrite: false, cancellationToken)).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another instance made it first.
            }
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await StorageCalls.Guard(() => lease.AcquireAsync(LeaseLength, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }

        return new HeldLock(lease, LeaseLength / 3);
    }
}
