using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;

namespace Billing.Infra.Storage;

/// <summary>
/// The renewal run's moves of index rows, made in entity-group transactions per partition instead of
/// one call per row: a space done with is indexed for its next due time (added), and the row it was found
/// by removed. A removal waits until the transaction that added the space's new row has succeeded, so a due
/// space is never missing; a partition is written once it holds 100 rows (a transaction's most), the rest by
/// <see cref="FlushAsync"/> at the end of the run. Whatever is not written (a crash, a failure) leaves the
/// old row, so the space is only looked at again.
/// </summary>
public sealed class RenewalIndexMoves
{
    private const int MostPerTransaction = 100;

    private readonly RenewalIndex _index;
    private readonly object _gate = new();

    // Per partition: rows to add (by space), each with the row to remove once it is added.
    private readonly Dictionary<string, Dictionary<string, (TableEntity Row, (string Partition, string Space)? Then)>> _adds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _removes = new(StringComparer.Ordinal);

    internal RenewalIndexMoves(RenewalIndex index) => _index = index;

    /// <summary>
    /// The space, found by its row for <paramref name="indexedFor"/>, is next due at <paramref name="next"/>
    /// (null: never on its own). Writes the partitions this fills.
    /// </summary>
    public async Task MoveAsync(SpaceId space, DateTimeOffset? next, DateTimeOffset indexedFor, CancellationToken cancellationToken)
    {
        var old = (_index.PartitionOf(space, indexedFor), space.Value);
        var full = new List<string>();
        lock (_gate)
        {
            if (next is { } due)
            {
                var row = _index.Row(space, due);
                var adds = Of(_adds, row.PartitionKey);
                adds[space.Value] = (row, RenewalIndex.SameRow(due, indexedFor) ? null : old);
                _removes.GetValueOrDefault(row.PartitionKey)?.Remove(space.Value);
                if (adds.Count >= MostPerTransaction)
                {
                    full.Add(row.PartitionKey);
                }
            }
            else if (!Waiting(old))
            {
                Of(_removes, old.Item1).Add(space.Value);
            }
        }

        foreach (var partition in full)
        {
            await WriteAddsAsync(partition, cancellationToken).ConfigureAwait(false);
        }

        await WriteRemovesAsync(full: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every move still held: the added rows first, then the removals they allow.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        string[] partitions;
        lock (_gate)
        {
            partitions = [.. _adds.Keys];
        }

        var failures = new List<Exception>();
        foreach (var partition in partitions)
        {
            try
            {
                await WriteAddsAsync(partition, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(e);
            }
        }

        await WriteRemovesAsync(full: false, cancellationToken).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw new AggregateException("Some renewal index rows were not added; their spaces stay due by their old rows.", failures);
        }
    }

    private async Task WriteAddsAsync(string partition, CancellationToken cancellationToken)
    {
        List<(TableEntity Row, (string Partition, string Space)? Then)> rows;
        lock (_gate)
        {
            if (!_adds.Remove(partition, out var adds))
            {
                return; // written by another caller meanwhile
            }

            rows = [.. adds.Values];
        }

        // If this fails, the removals waiting on it are dropped with it: their old rows keep the spaces due.
        await StorageCalls.Guard(() => _index.Table.SubmitTransactionAsync(
            rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r.Row)), cancellationToken)).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var (partitionKey, space) in rows.Select(r => r.Then).OfType<(string, string)>())
            {
                if (!Waiting((partitionKey, space)))
                {
                    Of(_removes, partitionKey).Add(space);
                }
            }
        }
    }

    private async Task WriteRemovesAsync(bool full, CancellationToken cancellationToken)
    {
        var batches = new List<(string Partition, List<string> Spaces)>();
        lock (_gate)
        {
            foreach (var (partition, spaces) in _removes.Where(r => r.Value.Count >= (full ? MostPerTransaction : 1)).ToList())
            {
                foreach (var chunk in spaces.Chunk(MostPerTransaction))
                {
                    batches.Add((partition, [.. chunk]));
                }

                _removes.Remove(partition);
            }
        }

        foreach (var (partition, spaces) in batches)
        {
            await RemoveAsync(partition, spaces, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemoveAsync(string partition, List<string> spaces, CancellationToken cancellationToken)
    {
        var table = _index.Table;
        try
        {
            await StorageCalls.Guard(() => table.SubmitTransactionAsync(
                spaces.Select(s => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, s), ETag.All)), cancellationToken)).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // One was removed already (another run): the rest one by one, a delete that finds nothing succeeding.
            foreach (var space in spaces)
            {
                await StorageCalls.Guard(() => table.DeleteEntityAsync(partition, space, ETag.All, cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    // A row about to be added (the space due again in the hour it was found by) is kept.
    private bool Waiting((string Partition, string Space) row) =>
        _adds.TryGetValue(row.Partition, out var adds) && adds.ContainsKey(row.Space);

    private static TValue Of<TValue>(Dictionary<string, TValue> map, string partition)
        where TValue : new()
    {
        if (!map.TryGetValue(partition, out var value))
        {
            map[partition] = value = new TValue();
        }

        return value;
    }
}
