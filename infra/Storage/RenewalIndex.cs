using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;

namespace Billing.Infra.Storage;

/// <summary>
/// Which spaces need the renewal run, and when: the <c>renewals</c> table, one row per space, in the
/// partition of the hour they fall due, spread over <see cref="Shards"/> partitions by a hash of the space
/// id (<c>s03-yyyyMMddHH</c>), so that an hour in which many spaces renew (annual plans bought on a launch
/// day) is not one hot partition (Azure Tables serves about 2,000 entities a second from one). A run reads
/// the shards side by side, each only the hours that have come, never the whole book. Rows are added
/// before the write that makes a space due and removed after the write that makes it not due, so a row
/// may be stale (the run finds nothing due and drops it) but a due space is never missing.
/// </summary>
public sealed class RenewalIndex(TableClient table, int shards = RenewalIndex.DefaultShards)
{
    /// <summary>Partitions one due hour is spread over, unless configured (<c>Renewals__IndexShards</c>).</summary>
    public const int DefaultShards = 8;

    /// <summary>The most shards: the shard is two digits of the partition key.</summary>
    public const int MaxShards = 99;

    private const string DueAt = "DueAt";

    public int Shards { get; } = shards is >= 1 and <= MaxShards
        ? shards
        : throw new ArgumentOutOfRangeException(nameof(shards), shards, $"Between 1 and {MaxShards} shards.");

    public Task ScheduleAsync(SpaceId space, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => table.UpsertEntityAsync(Row(space, dueAt), TableUpdateMode.Replace, cancellationToken));

    public Task UnscheduleAsync(SpaceId space, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => table.DeleteEntityAsync(PartitionOf(space, dueAt), space.Value, ETag.All, cancellationToken));

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

    /// <summary>Moves made in batches per partition (the renewal run's, once done with each space): see <see cref="RenewalIndexMoves"/>.</summary>
    public RenewalIndexMoves Moves() => new(this);

    /// <summary>
    /// The spaces due at <paramref name="now"/>, each with the time it was indexed for: every shard read at
    /// once, each oldest hour first. Rows of shards beyond <see cref="Shards"/> (left by a larger setting) and
    /// of the unsharded partitions of earlier versions are read too, so changing the setting loses no space.
    /// </summary>
    public async IAsyncEnumerable<(SpaceId Space, DateTimeOffset DueAt)> DueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var hour = Hour(now);
        var filters = Enumerable.Range(0, Shards)
            .Select(shard => TableClient.CreateQueryFilter($"PartitionKey ge {Prefix(shard)} and PartitionKey le {Prefix(shard) + hour}"))
            .Append(TableClient.CreateQueryFilter($"PartitionKey ge {Prefix(Shards)} and PartitionKey lt {"t"}"))
            .Append(TableClient.CreateQueryFilter($"PartitionKey le {hour}"));
        var found = Channel.CreateBounded<(SpaceId, DateTimeOffset)>(new BoundedChannelOptions(1000) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = Task.WhenAll(filters.Select(filter => ReadAsync(filter, now, found.Writer, stop.Token)));
        var completion = readers.ContinueWith(t => found.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        try
        {
            await foreach (var due in found.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return due;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await completion.ConfigureAwait(false);
        }
    }

    private async Task ReadAsync(string filter, DateTimeOffset now, ChannelWriter<(SpaceId, DateTimeOffset)> found, CancellationToken cancellationToken)
    {
        var rows = table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var enumerator = rows.GetAsyncEnumerator();
        while (await StorageCalls.Guard(async () => await enumerator.MoveNextAsync()).ConfigureAwait(false))
        {
            var row = enumerator.Current;
            var dueAt = new DateTimeOffset(row.GetDateTime(DueAt)!.Value, TimeSpan.Zero);
            if (dueAt <= now && SpaceId.TryParse(row.RowKey, out var space))
            {
                await found.WriteAsync((space, dueAt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether two due times share a row (same space, same hour): moving within it is one upsert.</summary>
    public static bool SameRow(DateTimeOffset a, DateTimeOffset b) => Hour(a) == Hour(b);

    /// <summary>The shard of a space's rows: XxHash32 of its id, so the same in every process.</summary>
    public int ShardOf(SpaceId space) => (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(space.Value)) % (uint)Shards);

    /// <summary>The partition of the space's row for a due time: its shard, then the hour.</summary>
    public string PartitionOf(SpaceId space, DateTimeOffset dueAt) => Prefix(ShardOf(space)) + Hour(dueAt);

    internal TableClient Table => table;

    internal TableEntity Row(SpaceId space, DateTimeOffset dueAt) => new(PartitionOf(space, dueAt), space.Value) { [DueAt] = dueAt.UtcDateTime };

    // 's' sorts after the digits of the unsharded partitions (yyyyMMddHH) of earlier versions, so the two never mix in a range.
    private static string Prefix(int shard) => string.Create(CultureInfo.InvariantCulture, $"s{shard:D2}-");

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
