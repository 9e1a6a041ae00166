using Billing.Core.Audit;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Spaces;

/// <summary>S4: a team that moves into or out of a division changes who pays from the next renewal, never twice for one period.</summary>
public class DivisionMoveTests
{
    private static readonly SpaceId Organization = SpaceId.Parse("org-1");
    private static readonly SpaceId DivisionId = SpaceId.Parse("div-1");
    private static readonly SpaceSurroundings UnderPaidDivision = new(true, []);

    private static SpaceBilling PaidTeam(BillingCycle cycle = BillingCycle.Annual) =>
        Upgrades.Upgrade(Space(SpaceKind.Team, id: "team-1"), Upgrade(cycle: cycle), As(Alice), At(Now)).Ok().State;

    private static Space InDivision(SpaceBilling team) => new(team.Space.Id, SpaceKind.Team, team.Space.Name, Organization, null, DivisionId);

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_paid_team_moving_into_a_paid_division_keeps_its_paid_period_and_does_not_renew()
    {
        var team = PaidTeam();
        var decision = SpaceDirectory.PutSpace(team, InDivision(team), UnderPaidDivision, DirectoryService, At(Now.AddMonths(2))).Ok();

        var subscription = decision.State.Subscription!;
        Assert.True(subscription.CancelAtPeriodEnd);
        Assert.Equal(team.Subscription!.RenewsAt, subscription.RenewsAt);
        Assert.Empty(decision.Invoices()); // nothing charged, nothing refunded: the paid year stays the team's
        var email = Assert.Single(decision.Emails());
        Assert.Equal(EmailKind.PlanCoveredByDivision, email.Kind);
        Assert.Equal(Alice, email.Recipient);
        Assert.Equal([AuditAction.SpaceUpdated, AuditAction.CancellationScheduled], decision.Audit.Select(a => a.Action));

        // At its renewal date the plan ends instead of renewing: no invoice for a period the division pays.
        var renewal = Renewals.Advance(decision.State, At(subscription.RenewsAt));
        Assert.IsType<BasicPlan>(renewal.State.Plan);
        Assert.Empty(renewal.Invoices());
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_paid_team_moving_into_a_division_without_a_plan_keeps_renewing()
    {
        var team = PaidTeam();
        var decision = SpaceDirectory.PutSpace(team, InDivision(team), SpaceSurroundings.None, DirectoryService, At(Now)).Ok();
        Assert.False(decision.State.Subscription!.CancelAtPeriodEnd);
        Assert.Empty(decision.Emails());
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_team_trial_ends_at_once_when_the_team_moves_into_a_paid_division()
    {
        var trialing = Trials.Start(Space(SpaceKind.Team, id: "team-1"), TierId.Parse("advanced"), SpaceSurroundings.None, As(Bob), At(Now)).Ok().State;
        var decision = SpaceDirectory.PutSpace(trialing, InDivision(trialing), UnderPaidDivision, DirectoryService, At(Now.AddDays(3))).Ok();
        Assert.IsType<BasicPlan>(decision.State.Plan);
        Assert.Equal(EmailKind.TrialEnded, Assert.Single(decision.Emails()).Kind);
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_renamed_team_already_in_a_paid_division_is_not_told_again()
    {
        var team = PaidTeam();
        var moved = SpaceDirectory.PutSpace(team, InDivision(team), UnderPaidDivision, DirectoryService, At(Now)).Ok().State;
        var renamed = SpaceDirectory.PutSpace(moved, InDivision(moved) with { }, UnderPaidDivision, DirectoryService, At(Now)).Ok();
        Assert.True(renamed.ChangesNothing);
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_team_plan_under_a_paid_division_cannot_be_resumed_until_it_leaves()
    {
        var team = PaidTeam();
        var moved = SpaceDirectory.PutSpace(team, InDivision(team), UnderPaidDivision, DirectoryService, At(Now)).Ok().State;
        Cancellations.Resume(moved, UnderPaidDivision, As(Alice), At(Now)).Fails(ErrorCode.TeamInPaidOrganization);

        var left = SpaceDirectory.PutSpace(moved, team.Space, SpaceSurroundings.None, DirectoryService, At(Now)).Ok().State;
        Assert.False(Cancellations.Resume(left, SpaceSurroundings.None, As(Alice), At(Now)).Ok().State.Subscription!.CancelAtPeriodEnd);
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_member_a_team_plan_still_pays_for_does_not_grow_the_full_division_and_counts_from_its_first_renewal_after()
    {
        // A paid division, full at 5 seats for 5 members.
        var division = Upgrades.Upgrade(Space(SpaceKind.Division, members: 5, id: "div-1"), Upgrade(seats: 5), As(Alice), At(Now)).Ok().State;
        var teamPaidUntil = Now.AddMonths(3).AddDays(2); // an annual team plan bought earlier

        var joined = new Member(UserId.Parse("dave"), "dave@acme.test", "Dave", MemberRole.Member, null) { PaidByTeamUntil = teamPaidUntil };
        var decision = SpaceDirectory.PutMember(division, joined, DirectoryService, At(Now.AddDays(5))).Ok();
        Assert.Equal(5, decision.State.Subscription!.Seats.Value); // no growth, no prorated invoice (N3 waits)
        Assert.Empty(decision.Invoices());

        // Monthly renewals while the team plan pays: 5 seats; the first period starting after it: the member counts.
        var state = decision.State;
        for (var month = 1; month <= 4; month++)
        {
            var renewal = Renewals.Advance(state, At(state.Subscription!.RenewsAt));
            state = renewal.State;
            var expected = state.Subscription!.CurrentPeriod.Start >= teamPaidUntil ? 10 : 5;
            Assert.Equal(expected, state.Subscription.Seats.Value);
        }

        Assert.Equal(10, state.Subscription!.Seats.Value);
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_member_no_team_plan_pays_for_grows_the_full_division_at_once()
    {
        var division = Upgrades.Upgrade(Space(SpaceKind.Division, members: 5, id: "div-1"), Upgrade(seats: 5), As(Alice), At(Now)).Ok().State;
        var joined = new Member(UserId.Parse("dave"), "dave@acme.test", "Dave", MemberRole.Member, null);
        var decision = SpaceDirectory.PutMember(division, joined, DirectoryService, At(Now.AddDays(5))).Ok();
        Assert.Equal(10, decision.State.Subscription!.Seats.Value);
        Assert.Single(decision.Invoices());
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_division_upgrade_pays_for_every_member_from_its_start()
    {
        // The team plans below are taken over (U11) or block the upgrade, so a member marked as paid by one counts at once.
        var division = Space(SpaceKind.Division, members: 5, id: "div-1");
        var marked = division.Members[Alice] with { PaidByTeamUntil = Now.AddMonths(6) };
        division = SpaceDirectory.PutMember(division, marked, DirectoryService, At(Now)).Ok().State;

        Upgrades.Upgrade(division, Upgrade(seats: 4), As(Bob), At(Now)).Fails(ErrorCode.SeatsBelowMembers);
        var upgraded = Upgrades.Upgrade(division, Upgrade(seats: 5, owner: Bob), As(Bob), At(Now)).Ok().State;
        Assert.All(upgraded.Members.Values, m => Assert.Null(m.PaidByTeamUntil));
        Assert.Equal(5, upgraded.MembersCountedIn(upgraded.Subscription!));
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_the_division_counts_a_member_from_the_latest_period_a_plan_of_their_teams_paid_for()
    {
        var first = PaidTeam(BillingCycle.Monthly);
        var second = Upgrades.Upgrade(Space(SpaceKind.Team, id: "team-2"), Upgrade(cycle: BillingCycle.Annual), As(Alice), At(Now)).Ok().State;
        var unpaid = Space(SpaceKind.Team, id: "team-3");

        Assert.Equal(second.Subscription!.RenewsAt, DivisionMoves.PaidByTeamUntil(Bob, [first, second, unpaid]));
        Assert.Null(DivisionMoves.PaidByTeamUntil(Bob, [unpaid]));
        Assert.Null(DivisionMoves.PaidByTeamUntil(UserId.Parse("nobody"), [first, second]));
    }
}
