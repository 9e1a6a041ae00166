using System.Collections.Immutable;
using System.Text;
using Azure.Data.Tables;
using Billing.Core.Common;

namespace Billing.Infra.Storage;

/// <summary>A space's audit trail (A1), newest first. Records are only ever added, in the transaction of the change they describe.</summary>
public sealed class AuditLog(SpaceTables tables)
{
    public async Task<(ImmutableArray<AuditEntry> Items, string? ContinuationToken)> ListAsync(
        SpaceId space, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var after = RowKeys.AuditPrefix;
        if (!string.IsNullOrEmpty(continuationToken))
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(continuationToken));
            }
            catch (FormatException e)
            {
                throw new ArgumentException("The continuation token is not valid.", nameof(continuationToken), e);
            }

            if (!after.StartsWith(RowKeys.AuditPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException("The continuation token is not valid.", nameof(continuationToken));
            }
        }

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {space.Value} and RowKey gt {after} and RowKey lt {RowKeys.PrefixEnd(RowKeys.AuditPrefix)}");
        var table = await tables.OfAsync(space, cancellationToken).ConfigureAwait(false);
        return await StorageCalls.Guard(async () =>
        {
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
                if (rows.Count > pageSize)
                {
                    break;
                }
            }

            var page = rows.Take(pageSize).ToList();
            var next = rows.Count > pageSize ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].RowKey)) : null;
            return (page.Select(TableRows.Read<AuditEntry>).ToImmutableArray(), next);
        }).ConfigureAwait(false);
    }
}
