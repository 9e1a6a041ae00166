using Billing.Core.Subscriptions;
using Billing.Infra.Storage;
using static Billing.Infra.Tests.Storage.StorageScenario;

namespace Billing.Infra.Tests.Storage;

public class InvoiceLedgerTests(AzuriteStorage azurite) : IClassFixture<AzuriteStorage>
{
    [Fact]
    [Trait("Rule", "V3")]
    public async Task Invoices_list_newest_first_in_pages_with_a_continuation_token()
    {
        var id = NewSpaceId();
        var stored = await StoredSpaceWithMembersAsync(azurite.Spaces, id);
        var upgrade = Upgrade(stored.State);
        await azurite.Spaces.SaveAsync(new SpaceWrite(stored, upgrade, InvoicesOf(upgrade), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        for (var month = 0; month < 4; month++)
        {
            stored = (await azurite.Spaces.LoadAsync(id, CancellationToken.None))!;
            var renewal = Renewals.Advance(stored.State, At(stored.State.Subscription!.RenewsAt));
            await azurite.Spaces.SaveAsync(new SpaceWrite(stored, renewal, InvoicesOf(renewal), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        }

        var (first, token) = await azurite.Ledger.ListAsync(id, 2, null, CancellationToken.None);
        var (second, token2) = await azurite.Ledger.ListAsync(id, 2, token, CancellationToken.None);
        var (third, token3) = await azurite.Ledger.ListAsync(id, 2, token2, CancellationToken.None);

        var starts = first.Concat(second).Concat(third).Select(i => i.Content.Period.Start).ToList();
        Assert.Equal(5, starts.Count);
        Assert.Equal(starts.OrderByDescending(s => s), starts);
        Assert.NotNull(token2);
        Assert.Null(token3);
        Assert.Equal(first[0].Id, (await azurite.Ledger.LatestAsync(id, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task A_forged_continuation_token_is_refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => azurite.Ledger.ListAsync(NewSpaceId(), 2, "bm90LWEtdG9rZW4", CancellationToken.None));

    [Fact]
    [Trait("Rule", "A1")]
    public async Task The_audit_trail_lists_every_change_newest_first_with_who_and_the_request()
    {
        var id = NewSpaceId();
        var stored = await StoredSpaceWithMembersAsync(azurite.Spaces, id);
        var upgrade = Upgrade(stored.State);
        await azurite.Spaces.SaveAsync(new SpaceWrite(stored, upgrade, InvoicesOf(upgrade), null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

        var (entries, _) = await new AuditLog(azurite.Storage.Spaces).ListAsync(id, 50, null, CancellationToken.None);
        Assert.Equal(6, entries.Length); // space, 3 members, subscription started, billing owner promoted to admin
        var started = entries.Single(e => e.Action == Billing.Core.Audit.AuditAction.SubscriptionStarted);
        Assert.Equal(("owner", "req-test"), (started.Actor, started.RequestId));
        Assert.Equal("advanced", started.After!.Value.GetProperty("tier").GetString());
        Assert.Contains(entries, e => e.Action == Billing.Core.Audit.AuditAction.SpaceUpdated);
        Assert.Equal(entries.Select(e => e.At).OrderByDescending(at => at), entries.Select(e => e.At));
    }
}
