using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Infra.Storage;

namespace Billing.Infra.Tests.Storage;

/// <summary>The renewal index: one due hour spread over shards, read side by side, and rows moved in batches (R1).</summary>
public sealed class RenewalIndexTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 3, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly BillingStorage _storage = new(new StorageOptions
    {
        ConnectionString = Environment.GetEnvironmentVariable("Storage__ConnectionString"),
        Prefix = $"i{Guid.NewGuid():N}"[..10],
    });

    public Task InitializeAsync() => _storage.EnsureReadyAsync(CancellationToken.None);

    public Task DisposeAsync() => _storage.Renewals.DeleteAsync();

    public void Dispose() => _storage.Dispose();

    [Fact]
    [Trait("Rule", "R1")]
    public async Task A_due_hour_with_many_spaces_is_spread_over_every_shard_and_the_run_finds_each_space_once()
    {
        var index = new RenewalIndex(_storage.Renewals, shards: 8);
        var spaces = Enumerable.Range(0, 300).Select(i => SpaceId.Parse($"hot-{i}")).ToList();
        await Task.WhenAll(spaces.Select(s => index.ScheduleAsync(s, Hour.AddMinutes(s.Value.Length), CancellationToken.None)));

        var partitions = (await RowsAsync()).GroupBy(r => r.PartitionKey).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(8, partitions.Count);
        Assert.All(partitions.Values, count => Assert.InRange(count, 15, 70));
        Assert.All(partitions.Keys, p => Assert.EndsWith("-2026031509", p));

        Assert.Empty(await DueAsync(index, Hour.AddMinutes(-1)));
        var due = await DueAsync(index, Hour.AddHours(1));
        Assert.Equal(spaces.Select(s => s.Value).Order(), due.Select(d => d.Space.Value).Order());
    }

    [Fact]
    [Trait("Rule", "R1")]
    public async Task A_space_is_found_only_once_its_due_time_has_come_even_within_its_hour()
    {
        var index = new RenewalIndex(_storage.Renewals);
        await index.ScheduleAsync(SpaceId.Parse("early"), Hour.AddMinutes(10), CancellationToken.None);
        await index.ScheduleAsync(SpaceId.Parse("late"), Hour.AddMinutes(50), CancellationToken.None);

        Assert.Equal(["early"], (await DueAsync(index, Hour.AddMinutes(30))).Select(d => d.Space.Value));
    }

    [Fact]
    [Trait("Rule", "R1")]
    public async Task Changing_a_due_date_moves_the_row_to_the_new_hour_of_the_same_shard_and_removes_the_old_one()
    {
        var index = new RenewalIndex(_storage.Renewals);
        var space = SpaceId.Parse("moving");
        await index.ScheduleAsync(space, Hour, CancellationToken.None);

        var written = await index.MoveAroundAsync(space, Hour, Hour.AddMonths(1), () => Task.FromResult("stored"), CancellationToken.None);

        Assert.Equal("stored", written);
        var row = Assert.Single(await RowsAsync());
        Assert.Equal(index.PartitionOf(space, Hour.AddMonths(1)), row.PartitionKey);
        Assert.StartsWith(index.PartitionOf(space, Hour)[..4], row.PartitionKey);
        Assert.Empty(await DueAsync(index, Hour.AddDays(1)));
        Assert.Equal([space], (await DueAsync(index, Hour.AddMonths(1))).Select(d => d.Space));
    }

    [Fact]
    [Trait("Rule", "R1")]
    public async Task Moves_in_batches_add_each_next_row_remove_each_old_one_and_keep_a_space_due_again_in_its_hour()
    {
        var index = new RenewalIndex(_storage.Renewals, shards: 2);
        var renewed = Enumerable.Range(0, 250).Select(i => SpaceId.Parse($"renewed-{i}")).ToList();
        var ended = SpaceId.Parse("ended");
        var later = SpaceId.Parse("later-this-hour");
        await Task.WhenAll(renewed.Append(ended).Append(later).Select(s => index.ScheduleAsync(s, Hour, CancellationToken.None)));

        var moves = index.Moves();
        await Task.WhenAll(renewed.Select(s => moves.MoveAsync(s, Hour.AddMonths(1), Hour, CancellationToken.None)));
        await moves.MoveAsync(ended, null, Hour, CancellationToken.None);
        await moves.MoveAsync(later, Hour.AddMinutes(40), Hour, CancellationToken.None);
        // Partitions that filled up were written already; the rest waits for the flush.
        Assert.True((await RowsAsync()).Count(r => r.PartitionKey.EndsWith("2026041509", StringComparison.Ordinal)) >= 100);
        await moves.FlushAsync(CancellationToken.None);

        var rows = await RowsAsync();
        Assert.Equal(
            renewed.Select(s => (index.PartitionOf(s, Hour.AddMonths(1)), s.Value)).Append((index.PartitionOf(later, Hour), later.Value)).Order(),
            rows.Select(r => (r.PartitionKey, r.RowKey)).Order());
        Assert.Empty(await DueAsync(index, Hour.AddMinutes(30)));
        Assert.Equal([later], (await DueAsync(index, Hour.AddMinutes(45))).Select(d => d.Space));
    }

    [Fact]
    [Trait("Rule", "R1")]
    public async Task Fewer_shards_than_the_rows_were_written_with_and_rows_of_the_unsharded_index_are_still_found()
    {
        var spaces = Enumerable.Range(0, 40).Select(i => SpaceId.Parse($"resharded-{i}")).ToList();
        var wide = new RenewalIndex(_storage.Renewals, shards: 16);
        await Task.WhenAll(spaces.Select(s => wide.ScheduleAsync(s, Hour, CancellationToken.None)));
        await _storage.Renewals.UpsertEntityAsync(new TableEntity("2026031509", "unsharded") { ["DueAt"] = Hour.UtcDateTime });
        await wide.ScheduleAsync(SpaceId.Parse("not-yet"), Hour.AddDays(2), CancellationToken.None);

        var narrow = new RenewalIndex(_storage.Renewals, shards: 2);

        Assert.Equal(
            spaces.Select(s => s.Value).Append("unsharded").Order(),
            (await DueAsync(narrow, Hour.AddHours(1))).Select(d => d.Space.Value).Order());
    }

    private static async Task<List<(SpaceId Space, DateTimeOffset DueAt)>> DueAsync(RenewalIndex index, DateTimeOffset now)
    {
        var due = new List<(SpaceId, DateTimeOffset)>();
        await foreach (var row in index.DueAsync(now, CancellationToken.None))
        {
            due.Add(row);
        }

        return due;
    }

    private async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _storage.Renewals.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
