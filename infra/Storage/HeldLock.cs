using Azure.Storage.Blobs.Specialized;

namespace Billing.Infra.Storage;

/// <summary>A lock of <see cref="BlobLocks"/> while it is held: its lease is renewed until it is disposed, then released.</summary>
public sealed class HeldLock : IAsyncDisposable
{
    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _holding = new();
    private readonly Task _keepingAlive;

    internal HeldLock(BlobLeaseClient lease, TimeSpan renewEvery)
    {
        _lease = lease;
        _keepingAlive = KeepAliveAsync(renewEvery, _holding.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _holding.CancelAsync().ConfigureAwait(false);
        await _keepingAlive.ConfigureAwait(false);
        _holding.Dispose();
        try
        {
            await _lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TimeoutException or IOException)
        {
            // The work the lock guarded is done; a lease not released runs out by itself.
        }
    }

    private async Task KeepAliveAsync(TimeSpan renewEvery, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(renewEvery, cancellationToken).ConfigureAwait(false);
                await _lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Released.
        }
    }
}
