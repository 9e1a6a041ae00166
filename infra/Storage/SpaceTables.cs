using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Azure.Data.Tables;
using Billing.Core.Common;

namespace Billing.Infra.Storage;

/// <summary>
/// The tables that hold the spaces' partitions: <c>billing00</c> to <c>billing63</c>, each space in the one
/// its id hashes to, so a space's partition (and every transaction on it) stays in one table.
/// Why more than one table: on Azure a table costs nothing and a partition is the unit of scale, so one
/// table or 64 perform alike; but Azurite, where the app runs locally and in every test, answers each
/// query by scanning the whole table and each point read by scanning every row sharing its row key
/// (<c>space</c>). With one table, loading a space took 17 ms at 100,000 entities and kept growing
/// (docs/BENCHMARKS.md); 64 tables keep each one small.
/// A table is created the first time this process touches it, so a new shard needs no deployment step.
/// The shard of a space is part of the storage format: changing <see cref="Count"/> or the hash moves every space.
/// </summary>
public sealed class SpaceTables
{
    public const int Count = 64;

    private readonly TableClient[] _tables;
    private readonly bool[] _created = new bool[Count];

    public SpaceTables(TableServiceClient service, string prefix) =>
        _tables = [.. Enumerable.Range(0, Count).Select(i => service.GetTableClient(string.Create(CultureInfo.InvariantCulture, $"{prefix}billing{i:D2}")))];

    /// <summary>The shard of a space: XxHash32 of its id, stable across processes and versions.</summary>
    public static int ShardOf(SpaceId space)
    {
        // Every storage call of a space asks this: hash its UTF-8 bytes without allocating them (ids are short).
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(space.Value.Length)];
        return (int)(XxHash32.HashToUInt32(utf8[..Encoding.UTF8.GetBytes(space.Value, utf8)]) % Count);
    }

    /// <summary>The table of the space's partition, created if this process has not yet seen it exist.</summary>
    public async ValueTask<TableClient> OfAsync(SpaceId space, CancellationToken cancellationToken)
    {
        var shard = ShardOf(space);
        if (!Volatile.Read(ref _created[shard]))
        {
            // Two callers may both create it: the second finds it there, which CreateIfNotExists accepts.
            await StorageCalls.Guard(() => _tables[shard].CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
            Volatile.Write(ref _created[shard], true);
        }

        return _tables[shard];
    }
}
