using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>
/// The receivables of every space (I4), oldest due date first, without scanning the spaces: the
/// <c>receivables</c> table, partitioned by the month invoices fall due (<c>yyyyMM</c>), one row per
/// invoice keyed by its due date (which never changes), its space and its id. The invoice in its space's
/// partition stays the truth; the row only says where to look:
/// <list type="bullet">
/// <item>every write of invoices goes through <see cref="KeepAroundAsync"/> (<see cref="SpaceStore"/>): the row of an
/// invoice the write leaves receivable is added before the write, so a receivable is never missing, and the row of
/// one it settles is removed after it, unless it never was receivable (so never had one);</item>
/// <item>a crash or a lost race between the two leaves a stale row, never a missing one: the list reads each invoice
/// as stored, shows it only while core says it is receivable, with its amount due as it stands, and removes the row of
/// a settled invoice (settled never moves back), and of an invoice never stored once the row is old enough that no
/// write can still be storing it.</item>
/// </list>
/// </summary>
public sealed class ReceivableIndex(TableClient table, InvoiceLedger ledger)
{
    // A row for an invoice not stored (its write lost or crashed) is removed once no attempt can still be writing it: each attempt adds it again first.
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    private const string Space = "SpaceId";
    private const string InvoiceColumn = "InvoiceId";
    private const string DueAt = "DueAt";

    /// <summary>
    /// Runs <paramref name="write"/>, which stores the invoices <paramref name="issued"/> and <paramref name="moved"/>, with their
    /// rows kept in step: added before it for each invoice it leaves receivable, removed after it for each moved invoice it
    /// settles (an invoice issued settled never had a row, nor has one in <paramref name="neverReceivable"/>: moved invoices that were
    /// never receivable before the write, such as a card invoice paid by its first charge).
    /// </summary>
    public async Task<T> KeepAroundAsync<T>(
        IReadOnlyCollection<Invoice> issued, IReadOnlyCollection<Invoice> moved, Func<Task<T>> write, CancellationToken cancellationToken, IReadOnlyCollection<InvoiceId>? neverReceivable = null)
    {
        foreach (var invoice in issued.Concat(moved).Where(i => i.IsReceivable))
        {
            var (partition, row) = Key(invoice.SpaceId, invoice.Id, invoice.Content.DueAt);
            await StorageCalls.Guard(() => table.UpsertEntityAsync(
                new TableEntity(partition, row) { [Space] = invoice.SpaceId.Value, [InvoiceColumn] = invoice.Id.Value, [DueAt] = invoice.Content.DueAt.UtcDateTime },
                TableUpdateMode.Replace,
                cancellationToken)).ConfigureAwait(false);
        }

        var written = await write().ConfigureAwait(false);
        foreach (var invoice in moved.Where(i => i.IsSettled && !i.Content.IsCreditNote && neverReceivable?.Contains(i.Id) != true))
        {
            await RemoveAsync(invoice.SpaceId, invoice.Id, invoice.Content.DueAt, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>
    /// A page of the receivables, oldest due date first, each invoice as stored now, and the token of the next page;
    /// stale rows met on the way are skipped, and removed where that is safe. A token this list did not give out
    /// throws <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<(ImmutableArray<Invoice> Items, string? ContinuationToken)> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = Decode(continuationToken) is { } after
            ? TableClient.CreateQueryFilter($"PartitionKey gt {after.Partition} or (PartitionKey eq {after.Partition} and RowKey gt {after.Row})")
            : null;
        var items = ImmutableArray.CreateBuilder<Invoice>(pageSize);
        string? last = null;
        var chunk = new List<TableEntity>(pageSize);
        var rows = table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var enumerator = rows.GetAsyncEnumerator();
        while (await StorageCalls.Guard(async () => await enumerator.MoveNextAsync()).ConfigureAwait(false))
        {
            if (items.Count == pageSize)
            {
                // A row beyond the full page: there is a next page (its rows not yet looked at).
                return (items.ToImmutable(), last);
            }

            chunk.Add(enumerator.Current);
            if (chunk.Count == pageSize - items.Count)
            {
                last = await TakeAsync(chunk, items, cancellationToken).ConfigureAwait(false) ?? last;
                chunk.Clear();
            }
        }

        await TakeAsync(chunk, items, cancellationToken).ConfigureAwait(false);
        return (items.ToImmutable(), null);
    }

    // Reads the chunk's invoices side by side and keeps those still receivable, in the rows' order; answers the last row's token.
    private async Task<string?> TakeAsync(List<TableEntity> chunk, ImmutableArray<Invoice>.Builder items, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return null;
        }

        var read = await Task.WhenAll(chunk.Select(row => ReadAsync(row, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < chunk.Count; i++)
        {
            var row = chunk[i];
            var invoice = read[i];
            if (invoice is { IsReceivable: true })
            {
                items.Add(invoice);
            }
            else if (invoice is { IsSettled: true } || row.Timestamp < DateTimeOffset.UtcNow - Abandoned)
            {
                // Settled never moves back; an abandoned row's invoice was never stored. Only the row as read goes: a write adding it again wins.
                await RemoveRowAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
            }
        }

        return Encode(chunk[^1].PartitionKey, chunk[^1].RowKey);
    }

    private async Task<Invoice?> ReadAsync(TableEntity row, CancellationToken cancellationToken) =>
        SpaceId.TryParse(row.GetString(Space), out var space) && InvoiceId.TryParse(row.GetString(InvoiceColumn), out var invoice)
            ? (await ledger.GetAsync(space, invoice, cancellationToken).ConfigureAwait(false))?.Invoice
            : null;

    private Task RemoveAsync(SpaceId space, InvoiceId invoice, DateTimeOffset dueAt, ETag etag, CancellationToken cancellationToken)
    {
        var (partition, row) = Key(space, invoice, dueAt);
        return RemoveRowAsync(partition, row, etag, cancellationToken);
    }

    private async Task RemoveRowAsync(string partition, string row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            // A delete that finds nothing succeeds.
            await StorageCalls.Guard(() => table.DeleteEntityAsync(partition, row, etag, cancellationToken)).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Written again since it was read: it is the writer's now.
        }
    }

    private static (string Partition, string Row) Key(SpaceId space, InvoiceId invoice, DateTimeOffset dueAt) =>
        (dueAt.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{dueAt.UtcTicks:D19}|{space.Value}|{invoice.Value}"));

    private static string Encode(string partition, string row) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{partition}/{row}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string Partition, string Row)? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var parts = text.Split('/');
            var fields = parts.Length == 2 ? parts[1].Split('|') : [];
            return fields.Length == 3 && parts[0].Length == 6 && parts[0].All(char.IsAsciiDigit) && fields[0].Length == 19 && fields[0].All(char.IsAsciiDigit)
                && SpaceId.TryParse(fields[1], out _) && InvoiceId.TryParse(fields[2], out _)
                ? (parts[0], parts[1])
                : throw new FormatException("Not a receivables token.");
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), e);
        }
    }
}
