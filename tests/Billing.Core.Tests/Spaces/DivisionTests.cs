using System.Collections.Immutable;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Spaces;

/// <summary>S4: a division groups teams inside an organization; upgraded like a team, it covers its teams.</summary>
public class DivisionTests
{
    private static readonly SpaceId Organization = SpaceId.Parse("org-1");
    private static readonly SpaceId DivisionId = SpaceId.Parse("div-1");

    private static SpaceSurroundings Covered => new(true, []);

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_division_belongs_to_an_organization_and_only_a_team_belongs_to_a_division()
    {
        var division = new Space(DivisionId, SpaceKind.Division, "Sales division", Organization, null);
        Assert.False(division.HasAdmins);
        Assert.Throws<ArgumentException>(() => new Space(DivisionId, SpaceKind.Division, "No org", null, null));
        Assert.Throws<ArgumentException>(() => new Space(Organization, SpaceKind.Organization, "Org", null, null, DivisionId));
        Assert.Equal(DivisionId, new Space(SpaceId.Parse("team-1"), SpaceKind.Team, "Team", Organization, null, DivisionId).DivisionId);
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_team_moves_into_and_out_of_a_division_but_never_changes_organization()
    {
        var team = Space(SpaceKind.Team, id: "team-1");
        var moved = SpaceDirectory.PutSpace(team, new Space(team.Space.Id, SpaceKind.Team, "Acme", Organization, null, DivisionId), SpaceSurroundings.None, DirectoryService, At(Now)).Ok().State;
        Assert.Equal(DivisionId, moved.Space.DivisionId);
        var back = SpaceDirectory.PutSpace(moved, new Space(team.Space.Id, SpaceKind.Team, "Acme", Organization, null), SpaceSurroundings.None, DirectoryService, At(Now)).Ok().State;
        Assert.Null(back.Space.DivisionId);
        SpaceDirectory.PutSpace(team, new Space(team.Space.Id, SpaceKind.Team, "Acme", SpaceId.Parse("org-2"), null), SpaceSurroundings.None, DirectoryService, At(Now)).Fails(ErrorCode.InvalidRequest);
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_upgrading_a_division_pays_for_the_members_of_its_teams_each_once()
    {
        // The directory keeps the division's members as it keeps an organization's: each person of its teams, once.
        var division = Space(SpaceKind.Division, members: 7, id: "div-1");
        foreach (var repeated in new[] { Alice, Bob })
        {
            division = SpaceDirectory.PutMember(division, division.Members[repeated], DirectoryService, At(Now)).Ok().State;
        }

        Upgrades.Upgrade(division, Upgrade(seats: 5), As(Alice), At(Now)).Fails(ErrorCode.SeatsBelowMembers);
        var decision = Upgrades.Upgrade(division, Upgrade(seats: 10), As(Alice), At(Now)).Ok();
        Assert.Equal(10, decision.State.Subscription!.Seats.Value);
        Assert.Equal(7, decision.State.MembersCountedIn(decision.State.Subscription!));
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_team_inside_a_paid_division_is_covered_and_cannot_upgrade_or_try_alone()
    {
        var team = Space(SpaceKind.Team, id: "team-1");
        Upgrades.Upgrade(team, Upgrade(surroundings: Covered), As(Alice), At(Now)).Fails(ErrorCode.TeamInPaidOrganization);
        Trials.Start(team, Billing.Core.Catalog.TierId.Parse("advanced"), Covered, As(Alice), At(Now)).Fails(ErrorCode.TeamInPaidOrganization);
    }

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_division_inside_a_paid_organization_is_covered() =>
        Upgrades.Upgrade(Space(SpaceKind.Division, id: "div-1"), Upgrade(surroundings: Covered), As(Alice), At(Now)).Fails(ErrorCode.TeamInPaidOrganization);

    [Fact]
    [Trait("Rule", "S4")]
    public void S4_a_division_whose_teams_have_plans_waits_for_them_and_the_error_names_each_team_and_its_billing_owner()
    {
        var paid = ImmutableArray.Create(new PaidSpace(SpaceId.Parse("team-1"), Bob));
        var error = Upgrades.Upgrade(Space(SpaceKind.Division, id: "div-1"), Upgrade(surroundings: new SpaceSurroundings(false, paid)), As(Alice), At(Now))
            .Fails(ErrorCode.TeamsAlreadyPaid);
        Assert.Equal(new RelatedSpace(SpaceId.Parse("team-1"), Bob), error.Teams.Single());
    }

    [Fact]
    [Trait("Rule", "U6")]
    public void S4_an_organization_with_a_paid_division_is_treated_as_one_with_paid_teams()
    {
        var paidDivision = ImmutableArray.Create(new PaidSpace(DivisionId, Carol));
        Upgrades.Upgrade(Space(SpaceKind.Organization), Upgrade(surroundings: new SpaceSurroundings(false, paidDivision)), As(Alice), At(Now))
            .Fails(ErrorCode.TeamsAlreadyPaid);
    }

    [Fact]
    [Trait("Rule", "N3")]
    public void N3_a_member_joining_a_team_of_a_full_paid_division_grows_the_division_plan_and_tells_its_billing_owner()
    {
        var division = Upgrades.Upgrade(Space(SpaceKind.Division, members: 5, id: "div-1"), Upgrade(seats: 5), As(Alice), At(Now)).Ok().State;

        var joined = SpaceDirectory.PutMember(division, new Member(UserId.Parse("dana"), "dana@acme.test", "Dana", MemberRole.Member, null), DirectoryService, At(Now.AddDays(10))).Ok();

        Assert.Equal(10, joined.State.Subscription!.Seats.Value);
        Assert.Contains(joined.Emails(), e => e.Kind == EmailKind.SeatsIncreasedAutomatically && e.Recipient == Alice);
        Assert.Single(joined.Charges());
    }
}
