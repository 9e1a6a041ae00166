using BenchmarkDotNet.Attributes;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;

namespace Billing.Benchmarks;

/// <summary>The core's hot decisions: a renewal with its invoice, and a seat change with proration.</summary>
[MemoryDiagnoser]
public class CoreDecisionBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);
    private SpaceBilling _subscribed = null!;
    private DecisionContext _atRenewal = null!;
    private DecisionContext _midPeriod = null!;
    private ChangeCommand _moreSeats = null!;
    private Caller _owner = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = Caller.Person(UserId.Parse("product"), ServiceRoles.Directory);
        var context = DecisionContext.At(Start);
        var state = SpaceDirectory.PutSpace(null, new Space(SpaceId.Parse("space-1"), SpaceKind.Workspace, "Acme", null, null), SpaceSurroundings.None, directory, context).Value.State;
        for (var i = 0; i < 8; i++)
        {
            state = SpaceDirectory.PutMember(state, new Member(UserId.Parse($"u{i}"), $"u{i}@x.test", null, MemberRole.Member, null), directory, context).Value.State;
        }

        _owner = Caller.Person(UserId.Parse("u0"));
        var upgrade = new UpgradeCommand(
            TierId.Parse("advanced"), BillingCycle.Monthly, SeatCount.Of(10), UserId.Parse("u0"),
            new BillingInfo("Acme", "ap@acme.test", new PostalAddress("Dam 1", null, "Amsterdam", null, null, "NL"), null, Locale.English),
            PaymentMethod.Saved(PaymentProvider.Stripe, "pm_1", new PaymentMethodSummary("visa", "4242", 1, 2030, null)),
            SpaceSurroundings.None);
        _subscribed = Upgrades.Upgrade(state, upgrade, _owner, context).Value.State;
        _atRenewal = DecisionContext.At(_subscribed.Subscription!.RenewsAt, "run");
        _midPeriod = DecisionContext.At(Start.AddDays(12), "req");
        _moreSeats = new ChangeCommand(null, null, SeatCount.Of(20));
    }

    [Benchmark]
    public Decision RenewalWithInvoice() => Renewals.Advance(_subscribed, _atRenewal);

    [Benchmark]
    public Result<Decision> SeatChangeWithProration() => Changes.Change(_subscribed, _moreSeats, _owner, _midPeriod);
}
