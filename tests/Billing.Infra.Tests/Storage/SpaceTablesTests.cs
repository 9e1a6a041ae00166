using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Infra.Storage;
using static Billing.Infra.Tests.Storage.StorageScenario;

namespace Billing.Infra.Tests.Storage;

public class SpaceTablesTests
{
    [Theory]
    [InlineData("acme", 51)]
    [InlineData("r-0000001", 22)]
    [InlineData("s-9f1c2e7a", 28)]
    public void A_space_hashes_to_the_same_table_in_every_process_and_version(string space, int shard)
    {
        // The shard is part of the storage format: if this fails, existing spaces would no longer be found.
        Assert.Equal(shard, SpaceTables.ShardOf(SpaceId.Parse(space)));
    }

    [Fact]
    public void Spaces_spread_evenly_over_the_tables()
    {
        var perShard = Enumerable.Range(0, 64_000).GroupBy(i => SpaceTables.ShardOf(SpaceId.Parse($"s-{i}"))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(SpaceTables.Count, perShard.Count);
        Assert.All(perShard.Values, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public async Task A_space_is_stored_whole_in_its_own_table_which_is_created_on_first_use()
    {
        var connectionString = Environment.GetEnvironmentVariable("Storage__ConnectionString")!;
        var prefix = $"t{Guid.NewGuid():N}"[..10];
        using var storage = new BillingStorage(new StorageOptions { ConnectionString = connectionString, Prefix = prefix });
        await storage.EnsureReadyAsync(CancellationToken.None);
        var service = new TableServiceClient(connectionString);
        Assert.Empty(await BillingTablesAsync(service, prefix));

        var store = new SpaceStore(storage.Spaces, new RenewalIndex(storage.Renewals), new ReceivableIndex(storage.Receivables, new InvoiceLedger(storage.Spaces)), Billing.Core.Catalog.PriceCatalog.Default.Policy);
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(store, id);
        var upgrade = Upgrade(loaded.State);
        await store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

        var own = $"{prefix}billing{SpaceTables.ShardOf(id):D2}";
        Assert.Equal([own], await BillingTablesAsync(service, prefix));
        var rows = new List<string>();
        await foreach (var row in service.GetTableClient(own).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id.Value}"), select: ["RowKey"]))
        {
            rows.Add(row.RowKey);
        }

        Assert.Contains("space", rows);
        Assert.Contains(rows, r => r.StartsWith("member|", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("invoice|", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("audit|", StringComparison.Ordinal));
        Assert.Equal(upgrade.State.Plan, (await store.LoadAsync(id, CancellationToken.None))!.State.Plan);
    }

    private static async Task<List<string>> BillingTablesAsync(TableServiceClient service, string prefix)
    {
        var names = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            names.Add(table.Name);
        }

        return [.. names.Where(n => n.StartsWith(prefix + "billing", StringComparison.Ordinal))];
    }
}
