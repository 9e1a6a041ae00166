using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;

namespace Billing.Infra.Storage;

/// <summary>
/// Which spaces need the renewal run, and when: the <c>renewals</c> table, partitioned by the hour
/// they fall due (<c>yyyyMMddHH</c>), one row per space. A run reads only the hours that have come,
/// never the whole book. Rows are added before the write that makes a space due and removed after
/// the write that makes it not due, so a row may be stale (the run finds nothing due and drops it)
/// but a due space is never missing.
/// </summary>
public sealed class RenewalIndex(TableClient table)
{
    private const string DueAt = "DueAt";

    public Task ScheduleAsync(SpaceId space, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => table.UpsertEntityAsync(
            new TableEntity(Bucket(dueAt), space.Value) { [DueAt] = dueAt.UtcDateTime },
            TableUpdateMode.Replace,
            cancellationToken));

    public Task UnscheduleAsync(SpaceId space, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => table.DeleteEntityAsync(Bucket(dueAt), space.Value, ETag.All, cancellationToken));

    /// <summary>
    /// Runs <paramref name="write"/>, which moves the space from <paramref name="dueBefore"/> to
    /// <paramref name="dueAfter"/>, with its row kept in step: the new row added before the write (a due
    /// space is never missing), the old one removed after it (a stale row only costs the run a look).
    /// </summary>
    public async Task<T> MoveAroundAsync<T>(SpaceId space, DateTimeOffset? dueBefore, DateTimeOffset? dueAfter, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        if (dueAfter is { } due && due != dueBefore)
        {
            await ScheduleAsync(space, due, cancellationToken).ConfigureAwait(false);
        }

        var written = await write().ConfigureAwait(false);
        if (dueBefore is { } old && (dueAfter is not { } next || !SameRow(old, next)))
        {
            await UnscheduleAsync(space, old, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>The spaces due at <paramref name="now"/>, oldest hour first; each with the time it was indexed for.</summary>
    public async IAsyncEnumerable<(SpaceId Space, DateTimeOffset DueAt)> DueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Bucket(now)}");
        var rows = table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var enumerator = rows.GetAsyncEnumerator();
        while (await StorageCalls.Guard(async () => await enumerator.MoveNextAsync()).ConfigureAwait(false))
        {
            var row = enumerator.Current;
            var dueAt = new DateTimeOffset(row.GetDateTime(DueAt)!.Value, TimeSpan.Zero);
            if (dueAt <= now && SpaceId.TryParse(row.RowKey, out var space))
            {
                yield return (space, dueAt);
            }
        }
    }

    /// <summary>Whether two due times share a row (same space, same hour): moving within it is one upsert.</summary>
    public static bool SameRow(DateTimeOffset a, DateTimeOffset b) => Bucket(a) == Bucket(b);

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
