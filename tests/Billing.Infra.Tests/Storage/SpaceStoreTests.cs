using Billing.Core.Subscriptions;
using Billing.Infra.Storage;
using static Billing.Infra.Tests.Storage.StorageScenario;

namespace Billing.Infra.Tests.Storage;

public class SpaceStoreTests(AzuriteStorage azurite) : IClassFixture<AzuriteStorage>
{
    private readonly SpaceStore _store = azurite.Spaces;

    [Fact]
    public async Task A_stored_space_reads_back_exactly_with_its_members_plan_and_history()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var upgrade = Upgrade(loaded.State);
        await _store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var withPlan = (await _store.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal(upgrade.State.Plan, withPlan.State.Plan);
        Assert.Equal(5, withPlan.State.Subscription!.Seats.Value);
        var cancelled = Cancellations.Cancel(withPlan.State, Billing.Core.Spaces.Caller.Person(Owner), At(Now)).Value;
        await _store.SaveAsync(new SpaceWrite(withPlan, cancelled, [], null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var beforeEnd = (await _store.LoadAsync(id, CancellationToken.None))!;
        var ended = Renewals.Advance(beforeEnd.State, At(beforeEnd.State.Subscription!.RenewsAt));
        await _store.SaveAsync(new SpaceWrite(beforeEnd, ended, [], null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

        var read = (await _store.LoadAsync(id, CancellationToken.None))!.State;
        Assert.Equal(ended.State.Space, read.Space);
        Assert.Equal(ended.State.Plan, read.Plan);
        Assert.Equal(ended.State.TrialUsed, read.TrialUsed);
        Assert.Equal(ended.State.SubscriptionCount, read.SubscriptionCount);
        Assert.Equal(ended.State.PastSubscriptions.Single(), read.PastSubscriptions.Single());
        Assert.Equal(ended.State.Members.OrderBy(m => m.Key.Value).ToList(), read.Members.OrderBy(m => m.Key.Value).ToList());
        Assert.Equal("王小明", read.Members[Billing.Core.Common.UserId.Parse("u2")].Name);
    }

    // An upgrade charges before its write (ChargeNow); the same charge as a renewal would queue it.
    private static Billing.Core.Effects.ChargeLater Queued(Decision decision) =>
        new(decision.Effects.OfType<Billing.Core.Effects.ChargeNow>().Single().Charge);

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_charge_taken_before_the_write_is_never_queued_in_the_outbox()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var upgrade = Upgrade(loaded.State);
        var now = upgrade.Effects.OfType<Billing.Core.Effects.ChargeNow>().Single();

        await Assert.ThrowsAsync<NotSupportedException>(() =>
            _store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), null, [now]) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None));
        Assert.Empty((await _store.LoadAsync(id, CancellationToken.None))!.Pending);
    }

    [Fact]
    public async Task A_space_reads_back_with_its_outbox()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var upgrade = Upgrade(loaded.State);
        var charge = Queued(upgrade);
        await _store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), null, [charge]) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var pending = Assert.Single((await _store.LoadAsync(id, CancellationToken.None))!.Pending);
        Assert.Equal(charge, pending.Effect);
    }

    [Fact]
    public async Task Saving_answers_the_space_as_a_fresh_load_reads_it_with_its_new_etag_and_outbox()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var upgrade = Upgrade(loaded.State);
        var charge = Queued(upgrade);

        var saved = await _store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), null, [charge]) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

        var read = (await _store.LoadAsync(id, CancellationToken.None))!;
        Assert.NotEqual(loaded.ETag, saved.ETag);
        Assert.Equal(read.ETag, saved.ETag);
        Assert.Equal(read.Pending.Select(p => p.RowKey), saved.Pending.Select(p => p.RowKey));
        Assert.Equal<Billing.Core.Effects.Effect>(charge, Assert.Single(read.Pending).Effect);
        Assert.Same(charge, Assert.Single(saved.Pending).Effect);
        var (issued, issuedETag, _) = Assert.Single(saved.Issued).Value;
        Assert.Equal((await azurite.Ledger.GetAsync(id, issued.Id, CancellationToken.None))!.Value.ETag, issuedETag);
        Assert.Equal(read.State.Plan, saved.State.Plan);

        // The answer is good for the next write: its ETag guards it like a fresh load's.
        var cancelled = Cancellations.Cancel(saved.State, Billing.Core.Spaces.Caller.Person(Owner), At(Now)).Value;
        var completed = await _store.SaveAsync(
            new SpaceWrite(saved, cancelled, [], null) { DecidedAt = DateTimeOffset.UtcNow, CompletedEffects = [saved.Pending.Single().RowKey] }, CancellationToken.None);
        Assert.Empty(completed.Pending);
        Assert.Empty((await _store.LoadAsync(id, CancellationToken.None))!.Pending);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _store.SaveAsync(new SpaceWrite(saved, cancelled, [], null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None));
    }

    [Fact]
    public async Task Completing_effects_removes_them_together_and_one_already_gone_does_not_stop_the_others()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var upgrade = Upgrade(loaded.State);
        var effects = upgrade.Effects.OfType<Billing.Core.Effects.SendEmail>().Cast<Billing.Core.Effects.Effect>()
            .Append(Queued(upgrade)).ToList();
        var saved = await _store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), null, [.. effects, .. effects]) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var keys = saved.Pending.Select(p => p.RowKey).ToList();
        Assert.True(keys.Count >= 2);

        await _store.CompleteEffectsAsync(id, [keys[0]], CancellationToken.None);
        await _store.CompleteEffectsAsync(id, keys, CancellationToken.None);

        Assert.Empty((await _store.LoadAsync(id, CancellationToken.None))!.Pending);
    }

    [Fact]
    public async Task A_space_that_was_never_stored_reads_as_null() =>
        Assert.Null(await _store.LoadAsync(NewSpaceId(), CancellationToken.None));

    [Fact]
    public async Task A_write_from_a_stale_read_is_refused_whole_and_leaves_nothing_behind()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var first = Upgrade(loaded.State, seats: 5);
        var second = Upgrade(loaded.State, seats: 10);
        await _store.SaveAsync(new SpaceWrite(loaded, first, InvoicesOf(first), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _store.SaveAsync(new SpaceWrite(loaded, second, InvoicesOf(second), new IdempotencyRecord("k", "h", 201, "{}", Now)) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None));

        var read = (await _store.LoadAsync(id, CancellationToken.None))!.State;
        Assert.Equal(5, read.Subscription!.Seats.Value);
        Assert.Null(await _store.FindIdempotencyAsync(id, "k", CancellationToken.None));
        var (invoices, _) = await azurite.Ledger.ListAsync(id, 10, null, CancellationToken.None);
        Assert.Single(invoices);
        Assert.Equal(5 * 2499, invoices[0].Content.Lines[0].Amount.Amount);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_period_cannot_be_invoiced_twice_even_from_two_fresh_reads()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var upgrade = Upgrade(loaded.State);
        await _store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var subscribed = (await _store.LoadAsync(id, CancellationToken.None))!;

        // Two runs decide the same renewal; each would write the same invoice id.
        var renewal = Renewals.Advance(subscribed.State, At(subscribed.State.Subscription!.RenewsAt));
        await _store.SaveAsync(new SpaceWrite(subscribed, renewal, InvoicesOf(renewal), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var reread = (await _store.LoadAsync(id, CancellationToken.None))!;
        var sneaky = new SpaceWrite(reread, renewal with { State = reread.State }, InvoicesOf(renewal), null) { DecidedAt = DateTimeOffset.UtcNow };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.SaveAsync(sneaky, CancellationToken.None));
    }

    [Fact]
    public async Task An_idempotency_record_is_written_with_the_change_and_found_by_its_key()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var upgrade = Upgrade(loaded.State);
        var record = new IdempotencyRecord("key with spaces/and:odd chars", "hash", 201, "{\"ok\":true}", Now);
        await _store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), record) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        Assert.Equal(record, await _store.FindIdempotencyAsync(id, record.Key, CancellationToken.None));
    }

    [Fact]
    public async Task Removing_a_member_deletes_their_row()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var removed = Billing.Core.Spaces.SpaceDirectory.RemoveMember(loaded.State, Billing.Core.Common.UserId.Parse("u3"), DirectoryService, At(Now)).Value;
        await _store.SaveAsync(new SpaceWrite(loaded, removed, [], null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        Assert.Equal(2, (await _store.LoadAsync(id, CancellationToken.None))!.State.Members.Count);
    }

    [Fact]
    public async Task An_organization_lists_its_teams()
    {
        var org = NewSpaceId();
        var team = NewSpaceId();
        var teams = new TeamIndex(azurite.Storage.Spaces);
        await teams.RecordAsync(org, team, CancellationToken.None);
        await teams.RecordAsync(org, team, CancellationToken.None);
        Assert.Equal([team], (await teams.OfAsync(org, CancellationToken.None)).ToArray());
    }

    [Fact]
    [Trait("Rule", "R1")]
    public async Task Each_write_keeps_the_space_in_the_renewal_index_at_its_next_due_time()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(_store, id);
        var upgrade = Upgrade(loaded.State);
        await _store.SaveAsync(new SpaceWrite(loaded, upgrade, InvoicesOf(upgrade), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var renewsAt = upgrade.State.Subscription!.RenewsAt;

        Assert.DoesNotContain(await DueAsync(renewsAt.AddSeconds(-1)), d => d.Space == id);
        Assert.Contains((id, renewsAt), await DueAsync(renewsAt));

        var subscribed = (await _store.LoadAsync(id, CancellationToken.None))!;
        var renewal = Renewals.Advance(subscribed.State, At(renewsAt));
        await _store.SaveAsync(new SpaceWrite(subscribed, renewal, InvoicesOf(renewal), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var due = await DueAsync(renewsAt.AddYears(1));
        Assert.Contains((id, renewal.State.Subscription!.RenewsAt), due);
        Assert.DoesNotContain((id, renewsAt), due);
    }

    private async Task<List<(Billing.Core.Common.SpaceId Space, DateTimeOffset DueAt)>> DueAsync(DateTimeOffset now)
    {
        var due = new List<(Billing.Core.Common.SpaceId, DateTimeOffset)>();
        await foreach (var entry in azurite.Renewals.DueAsync(now, CancellationToken.None))
        {
            due.Add(entry);
        }

        return due;
    }
}
