using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

/// <summary>The billing tab as core shapes it for each caller (<see cref="BillingOverview"/>); the function app only writes it as JSON.</summary>
public class BillingViewTests
{
    [Fact]
    [Trait("Rule", "B5")]
    public void A_space_on_basic_shows_no_plan_data()
    {
        var overview = BillingOverview.For(Space(), As(Alice));

        Assert.Equal(new BillingOverview(Space().Space.Id, SubscriptionStatus.Basic), overview);
    }

    [Fact]
    [Trait("Rule", "B1")]
    public void The_billing_owner_sees_the_seats_used_and_the_payment_method()
    {
        var overview = BillingOverview.For(Subscribed(seats: 5, members: 3), As(Alice));

        Assert.Equal(SubscriptionStatus.Active, overview.Status);
        Assert.Equal(TierId.Parse("starter"), overview.Tier);
        Assert.Equal(BillingCycle.Monthly, overview.Cycle);
        Assert.Equal(SeatCount.Of(5), overview.Seats);
        Assert.Equal(3, overview.SeatsUsed);
        Assert.Equal(Card, overview.PaymentMethod);
        Assert.Equal(Alice, overview.BillingOwner);
        Assert.Equal("alice@acme.test", overview.BillingOwnerMember?.Email);
        Assert.Equal(Now.AddMonths(1), overview.RenewsAt);
        Assert.Null(overview.EndsAt);
    }

    [Fact]
    [Trait("Rule", "B1")]
    public void Another_member_sees_the_plan_and_its_owner_but_not_the_seats_used_nor_the_payment_method()
    {
        var overview = BillingOverview.For(Subscribed(seats: 5, members: 3), As(Bob));

        Assert.Equal(SeatCount.Of(5), overview.Seats);
        Assert.Equal(Alice, overview.BillingOwner);
        Assert.Null(overview.SeatsUsed);
        Assert.Null(overview.PaymentMethod);
    }

    [Fact]
    [Trait("Rule", "C2")]
    public void A_cancelled_plan_shows_when_it_ends_instead_of_when_it_renews()
    {
        var cancelled = Cancellations.Cancel(Subscribed(), As(Alice), At(Now.AddDays(3))).Ok().State;

        var overview = BillingOverview.For(cancelled, As(Alice));

        Assert.Null(overview.RenewsAt);
        Assert.Equal(Now.AddMonths(1), overview.EndsAt);
    }

    [Fact]
    [Trait("Rule", "N2")]
    public void A_scheduled_reduction_shows_with_the_renewal_that_applies_it()
    {
        var reduced = Changes.Change(Subscribed(seats: 10), Change(seats: 5), As(Alice), At(Now.AddDays(3))).Ok().State;

        var overview = BillingOverview.For(reduced, As(Bob));

        Assert.Equal(SeatCount.Of(10), overview.Seats);
        Assert.Equal(SeatCount.Of(5), overview.ScheduledChange?.Seats);
        Assert.Equal(Now.AddMonths(1), overview.ScheduledChangeAt);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void A_trial_shows_its_tier_and_when_it_ends_and_nothing_of_a_paid_plan()
    {
        var trialing = Trials.Start(Space(), TierId.Parse("advanced"), SpaceSurroundings.None, As(Bob), At(Now)).Ok().State;

        var overview = BillingOverview.For(trialing, As(Bob));

        Assert.Equal(SubscriptionStatus.Trialing, overview.Status);
        Assert.Equal(TierId.Parse("advanced"), overview.Tier);
        Assert.Equal(trialing.Trial!.EndsAt, overview.TrialEndsAt);
        Assert.Null(overview.Seats);
        Assert.Null(overview.BillingOwner);
        Assert.Null(overview.PaymentMethod);
    }
}
