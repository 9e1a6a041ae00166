using Azure;

namespace Billing.Infra.Storage;

/// <summary>Turns transport failures of the storage SDK into <see cref="StorageUnavailableException"/>, the one failure callers answer 503 to.</summary>
internal static class StorageCalls
{
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 0 || e.Status >= 500)
        {
            throw new StorageUnavailableException("Storage failed to answer.", e);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or AggregateException or IOException)
        {
            throw new StorageUnavailableException("Storage is unreachable.", e);
        }
    }

    public static Task Guard(Func<Task> call) => Guard(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}
