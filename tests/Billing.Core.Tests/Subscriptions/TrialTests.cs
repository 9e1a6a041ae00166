using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class TrialTests
{
    private static readonly TierId Advanced = TierId.Parse("advanced");

    private static SpaceBilling Trialing() => Trials.Start(Space(), Advanced, SpaceSurroundings.None, As(Bob), At(Now)).Ok().State;

    [Fact]
    [Trait("Rule", "U10")]
    public void A_space_on_basic_may_start_a_thirty_day_trial_without_a_payment_method()
    {
        var state = Trialing();
        Assert.Equal(SubscriptionStatus.Trialing, state.Status);
        Assert.Equal(Now.AddDays(30), state.Trial!.EndsAt);
        Assert.True(state.TrialUsed);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void A_space_may_start_only_one_trial_ever()
    {
        var cancelled = Trials.Cancel(Trialing(), As(Bob), At(Now)).Ok().State;
        Trials.Start(cancelled, Advanced, SpaceSurroundings.None, As(Bob), At(Now)).Fails(ErrorCode.TrialAlreadyUsed);
        Trials.Start(Trialing(), Advanced, SpaceSurroundings.None, As(Bob), At(Now)).Fails(ErrorCode.TrialAlreadyUsed);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void Only_a_tier_on_sale_can_be_tried() =>
        Trials.Start(Space(), TierId.Parse("premium"), SpaceSurroundings.None, As(Bob), At(Now)).Fails(ErrorCode.TierNotOnSale);

    [Fact]
    [Trait("Rule", "U10")]
    public void A_paid_space_has_no_trial() =>
        Trials.Start(Subscribed(), Advanced, SpaceSurroundings.None, As(Bob), At(Now)).Fails(ErrorCode.AlreadySubscribed);

    [Fact]
    [Trait("Rule", "U6")]
    public void A_team_in_a_paid_organization_cannot_start_a_trial() =>
        Trials.Start(Space(SpaceKind.Team, id: "team-1"), Advanced, new SpaceSurroundings(true, []), As(Alice), At(Now)).Fails(ErrorCode.TeamInPaidOrganization);

    [Fact]
    [Trait("Rule", "C2")]
    public void Cancelling_a_trial_ends_it_at_once()
    {
        var state = Cancellations.Cancel(Trialing(), As(Bob), At(Now.AddDays(2))).Ok().State;
        Assert.Equal(SubscriptionStatus.Basic, state.Status);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void U10_a_member_who_did_not_start_the_trial_and_is_no_admin_may_not_stop_it()
    {
        var trialing = Trialing();
        Trials.Cancel(trialing, As(Carol), At(Now.AddDays(2))).Fails(ErrorCode.Forbidden);
        Cancellations.Cancel(trialing, As(Carol), At(Now.AddDays(2))).Fails(ErrorCode.Forbidden);
        Trials.Cancel(trialing, Sales, At(Now.AddDays(2))).Fails(ErrorCode.NotFound);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void U10_an_admin_of_the_space_may_stop_a_trial_another_member_started()
    {
        var trialing = Trialing();
        var carol = trialing.Members[Carol] with { Role = MemberRole.Admin };
        var withAdmin = SpaceDirectory.PutMember(trialing, carol, DirectoryService, At(Now)).Value.State;

        var decision = Trials.Cancel(withAdmin, As(Carol), At(Now.AddDays(2))).Ok();

        Assert.Equal(SubscriptionStatus.Basic, decision.State.Status);
        Assert.Equal("carol", decision.Audit.Single().Actor);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void A_trial_can_be_turned_into_a_paid_plan_at_any_time()
    {
        var decision = Upgrades.Upgrade(Trialing(), Upgrade("advanced"), As(Alice), At(Now.AddDays(10))).Ok();
        Assert.Equal(SubscriptionStatus.Active, decision.State.Status);
        Assert.IsType<Trial>(decision.Audit[0].Before);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void The_member_who_started_the_trial_is_told_before_it_ends_and_once_only()
    {
        var state = Trialing();
        Assert.True(Renewals.Advance(state, At(Now.AddDays(26))).ChangesNothing);

        var notice = Renewals.Advance(state, At(Now.AddDays(27)));
        var email = Assert.Single(notice.Emails());
        Assert.Equal((EmailKind.TrialEnding, Bob), (email.Kind, email.Recipient));
        Assert.True(Renewals.Advance(notice.State, At(Now.AddDays(28))).ChangesNothing);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void A_trial_that_runs_out_without_an_upgrade_returns_the_space_to_basic()
    {
        var decision = Renewals.Advance(Trialing(), At(Now.AddDays(30)));
        Assert.Equal(SubscriptionStatus.Basic, decision.State.Status);
        Assert.Equal(EmailKind.TrialEnded, decision.Emails().Single().Kind);
        Assert.Equal(Audit.AuditAction.TrialEnded, decision.Audit.Single().Action);
    }

    [Fact]
    public void The_renewal_index_wakes_a_trial_for_its_notice_then_for_its_end()
    {
        var state = Trialing();
        Assert.Equal(Now.AddDays(27), Renewals.NextDueAt(state, PriceCatalog.Default.Policy));
        var noticed = Renewals.Advance(state, At(Now.AddDays(27))).State;
        Assert.Equal(Now.AddDays(30), Renewals.NextDueAt(noticed, PriceCatalog.Default.Policy));
    }
}
