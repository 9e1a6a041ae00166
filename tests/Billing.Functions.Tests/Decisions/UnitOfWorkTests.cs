using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Tests.Support;
using Billing.Infra.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Decisions;

/// <summary>
/// The one write pipeline: a write that loses to a concurrent change is decided again on what is
/// stored (one retry policy), and a charge taken now for a decision that is not stored is refunded.
/// </summary>
public sealed class UnitOfWorkTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    private UnitOfWork Work => server.Services.GetRequiredService<UnitOfWork>();

    private SpaceStore Store => server.Services.GetRequiredService<SpaceStore>();

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_write_that_loses_a_race_is_decided_again_on_the_stored_space_and_keeps_its_one_charge()
    {
        var (id, owner, stale) = await SubscribedAndChangedBehindItsBackAsync();
        var attempts = new List<string>();

        var stored = await Work.RunAsync<StoredSpace>(id, "test-retry", (loaded, context) =>
        {
            attempts.Add(loaded!.ETag.ToString());
            return Task.FromResult<UnitOfWork.Verdict<StoredSpace>>(new UnitOfWork.Write<StoredSpace>(MoreSeats(loaded.State, owner, context), s => s, _ => throw new InvalidOperationException("declined")));
        }, CancellationToken.None, known: stale);

        Assert.Equal(2, attempts.Count); // the stale space conflicted, the reloaded one was stored
        Assert.NotEqual(attempts[0], attempts[1]);
        Assert.Equal(10, stored.State.Subscription!.Seats.Value);
        var charge = Assert.Single(ChargesOf(id));
        Assert.DoesNotContain(server.Sandbox.Refunded, r => r.IdempotencyKey == charge.IdempotencyKey);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_charge_taken_for_a_decision_that_lost_and_was_not_decided_again_is_refunded()
    {
        var (id, owner, stale) = await SubscribedAndChangedBehindItsBackAsync();
        var attempt = 0;

        var answer = await Work.RunAsync<string>(id, "test-refund", (loaded, context) =>
            Task.FromResult<UnitOfWork.Verdict<string>>(++attempt == 1
                ? new UnitOfWork.Write<string>(MoreSeats(loaded!.State, owner, context), _ => "stored", _ => "declined")
                : new UnitOfWork.Done<string>("changed its mind")), CancellationToken.None, known: stale);

        Assert.Equal("changed its mind", answer);
        var charge = Assert.Single(ChargesOf(id));
        Assert.Contains(server.Sandbox.Refunded, r => r.IdempotencyKey == charge.IdempotencyKey);
        Assert.Equal(5, (await Store.LoadAsync(id, CancellationToken.None))!.State.Subscription!.Seats.Value);
    }

    private IEnumerable<Charge> ChargesOf(SpaceId id) => server.Sandbox.Taken.Where(c => c.Space == id && c.Invoice.Value.EndsWith("-c1", StringComparison.Ordinal));

    private static Decision MoreSeats(SpaceBilling state, UserId owner, DecisionContext context)
    {
        var decision = Changes.Change(state, new ChangeCommand(null, null, SeatCount.Of(10)), Caller.Person(owner), context).Value;
        Assert.IsType<ChargeNow>(Assert.Single(decision.Effects, e => e is ChargeNow or ChargeLater));
        return decision;
    }

    /// <summary>A subscribed space, read, then changed by another write: what was read is stale.</summary>
    private async Task<(SpaceId Id, UserId Owner, StoredSpace Stale)> SubscribedAndChangedBehindItsBackAsync()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
        var id = SpaceId.Parse(space);
        var stale = (await Store.LoadAsync(id, CancellationToken.None))!;
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await Store.SaveAsync(
            new SpaceWrite(stale, Decision.Unchanged(stale.State), [], new IdempotencyRecord($"behind-{Guid.NewGuid():N}", "hash", 200, "{}", now)) { DecidedAt = now },
            CancellationToken.None);
        return (id, UserId.Parse(owner), stale);
    }
}
