using System.Collections.Immutable;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>The invoices of a space, in its partition: read one, list newest first, and record what happens to them.</summary>
public sealed class InvoiceLedger(SpaceTables tables)
{
    public async Task<(Invoice Invoice, ETag ETag)?> GetAsync(SpaceId space, InvoiceId invoice, CancellationToken cancellationToken)
    {
        var table = await tables.OfAsync(space, cancellationToken).ConfigureAwait(false);
        var row = await StorageCalls.Guard(() => table.GetEntityIfExistsAsync<TableEntity>(space.Value, RowKeys.Invoice(invoice), cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return row.HasValue ? (TableRows.Read<InvoiceRecord>(row.Value!).ToInvoice(), row.Value!.ETag) : null;
    }

    /// <summary>Replaces an invoice row if it has not changed since it was read; false when it had.</summary>
    public async Task<bool> TryReplaceAsync(SpaceId space, Invoice invoice, ETag etag, CancellationToken cancellationToken)
    {
        var table = await tables.OfAsync(space, cancellationToken).ConfigureAwait(false);
        try
        {
            await StorageCalls.Guard(() => table.UpdateEntityAsync(TableRows.Of(space.Value, RowKeys.Invoice(invoice.Id), InvoiceRecord.Of(invoice)), etag, TableUpdateMode.Replace, cancellationToken))
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>A page of the space's invoices, newest first, and the token of the next page.</summary>
    public async Task<(ImmutableArray<Invoice> Items, string? ContinuationToken)> ListAsync(
        SpaceId space, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var after = Decode(continuationToken) ?? RowKeys.InvoiceListPrefix;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {space.Value} and RowKey gt {after} and RowKey lt {RowKeys.PrefixEnd(RowKeys.InvoiceListPrefix)}");
        var table = await tables.OfAsync(space, cancellationToken).ConfigureAwait(false);
        return await StorageCalls.Guard(async () =>
        {
            var keys = new List<(string RowKey, InvoiceId Id)>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                keys.Add((row.RowKey, TableRows.Read<InvoiceId>(row)));
                if (keys.Count > pageSize)
                {
                    break;
                }
            }

            var page = keys.Take(pageSize).ToList();
            var records = await Task.WhenAll(page.Select(k => GetAsync(space, k.Id, cancellationToken))).ConfigureAwait(false);
            var next = keys.Count > pageSize ? Encode(page[^1].RowKey) : null;
            return (records.Where(r => r is not null).Select(r => r!.Value.Invoice).ToImmutableArray(), next);
        }).ConfigureAwait(false);
    }

    public async Task<Invoice?> LatestAsync(SpaceId space, CancellationToken cancellationToken)
    {
        var (items, _) = await ListAsync(space, 1, null, cancellationToken).ConfigureAwait(false);
        return items.IsEmpty ? null : items[0];
    }

    private static string Encode(string rowKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(rowKey)).Replace('+', '-').Replace('/', '_');

    private static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/')));
            return key.StartsWith(RowKeys.InvoiceListPrefix, StringComparison.Ordinal) ? key : throw new FormatException("Not an invoice list token.");
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), e);
        }
    }
}
