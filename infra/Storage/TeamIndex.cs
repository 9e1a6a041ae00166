using System.Collections.Immutable;
using Azure.Data.Tables;
using Billing.Core.Common;

namespace Billing.Infra.Storage;

/// <summary>
/// The index of the spaces below an organization or a division (U6, S4): one row per team or division in
/// its parent's partition, so an organization's or a division's upgrade or trial can look at the plans below it.
/// </summary>
public sealed class TeamIndex(SpaceTables tables)
{
    /// <summary>Records that <paramref name="team"/> belongs to <paramref name="organization"/>, outside any decision; recording it twice is harmless.</summary>
    public async Task RecordAsync(SpaceId organization, SpaceId team, CancellationToken cancellationToken)
    {
        var table = await tables.OfAsync(organization, cancellationToken).ConfigureAwait(false);
        await StorageCalls.Guard(() => table.UpsertEntityAsync(new TableEntity(organization.Value, RowKeys.Team(team)), TableUpdateMode.Replace, cancellationToken))
            .ConfigureAwait(false);
    }

    /// <summary>The teams recorded in <paramref name="organization"/>.</summary>
    public async Task<ImmutableArray<SpaceId>> OfAsync(SpaceId organization, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {organization.Value} and RowKey ge {RowKeys.TeamPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.TeamPrefix)}");
        var table = await tables.OfAsync(organization, cancellationToken).ConfigureAwait(false);
        return await StorageCalls.Guard(async () =>
        {
            var teams = ImmutableArray.CreateBuilder<SpaceId>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                teams.Add(SpaceId.Parse(row.RowKey[RowKeys.TeamPrefix.Length..]));
            }

            return teams.ToImmutable();
        }).ConfigureAwait(false);
    }
}
