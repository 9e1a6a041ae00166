using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Spaces;

public class SpaceDirectoryTests
{
    private static Member NewMember(string id) => new(UserId.Parse(id), $"{id}@acme.test", null, MemberRole.Member, null);

    [Fact]
    [Trait("Rule", "S1")]
    public void A_team_names_its_organization_and_other_spaces_do_not()
    {
        Assert.Throws<ArgumentException>(() => new Space(SpaceId.Parse("t"), SpaceKind.Team, "T", null, null));
        Assert.Throws<ArgumentException>(() => new Space(SpaceId.Parse("w"), SpaceKind.Workspace, "W", SpaceId.Parse("org"), null));
    }

    [Fact]
    [Trait("Rule", "S3")]
    public void Only_the_directory_service_keeps_spaces_and_members()
    {
        var space = new Space(SpaceId.Parse("s"), SpaceKind.Workspace, "S", null, null);
        SpaceDirectory.PutSpace(null, space, SpaceSurroundings.None, As(Alice), At(Now)).Fails(ErrorCode.Forbidden);
        SpaceDirectory.PutMember(Space(), NewMember("dave"), As(Alice), At(Now)).Fails(ErrorCode.Forbidden);
        SpaceDirectory.RemoveMember(Space(), Bob, As(Alice), At(Now)).Fails(ErrorCode.Forbidden);
    }

    [Fact]
    [Trait("Rule", "S3")]
    public void A_space_keeps_its_kind_for_life() =>
        SpaceDirectory.PutSpace(Space(), new Space(SpaceId.Parse("space-1"), SpaceKind.Organization, "Acme", null, null), SpaceSurroundings.None, DirectoryService, At(Now))
            .Fails(ErrorCode.InvalidRequest);

    [Fact]
    [Trait("Rule", "S2")]
    public void Teams_have_no_admins() =>
        SpaceDirectory.PutMember(Space(SpaceKind.Team, id: "team-1"), NewMember("dave") with { Role = MemberRole.Admin }, DirectoryService, At(Now))
            .Fails(ErrorCode.InvalidRequest);

    [Fact]
    [Trait("Rule", "B6")]
    public void The_billing_owner_cannot_be_removed_until_ownership_is_transferred()
    {
        var state = Subscribed();
        SpaceDirectory.RemoveMember(state, Alice, DirectoryService, At(Now)).Fails(ErrorCode.BillingOwnerMustTransferFirst);

        var transferred = Ownership.TransferBillingOwner(state, Bob, As(Alice), At(Now)).Ok().State;
        Assert.False(SpaceDirectory.RemoveMember(transferred, Alice, DirectoryService, At(Now)).Ok().State.IsMember(Alice));
    }

    [Fact]
    [Trait("Rule", "B2")]
    public void The_billing_owner_of_a_paid_workspace_stays_an_admin() =>
        SpaceDirectory.PutMember(Subscribed(), Subscribed().Members[Alice] with { Role = MemberRole.Member }, DirectoryService, At(Now))
            .Fails(ErrorCode.BillingOwnerMustTransferFirst);

    [Fact]
    [Trait("Rule", "N2")]
    public void Removing_a_member_does_not_remove_seats()
    {
        var state = SpaceDirectory.RemoveMember(Subscribed(seats: 5), Bob, DirectoryService, At(Now)).Ok().State;
        Assert.Equal(5, state.Subscription!.Seats.Value);
    }

    [Fact]
    public void Removing_someone_who_is_not_a_member_changes_nothing() =>
        Assert.True(SpaceDirectory.RemoveMember(Space(), Stranger, DirectoryService, At(Now)).Ok().ChangesNothing);

    [Fact]
    [Trait("Rule", "N3")]
    public void Adding_a_member_to_a_full_paid_space_grows_the_plan_to_the_next_rung_at_once_and_tells_the_billing_owner()
    {
        var full = Subscribed(seats: 5, members: 5);
        var halfWay = Now.AddDays(15.5);
        var decision = SpaceDirectory.PutMember(full, NewMember("frank"), DirectoryService, At(halfWay)).Ok();

        Assert.Equal(10, decision.State.Subscription!.Seats.Value);
        var line = decision.Invoices().Single().Lines.Single();
        Assert.Equal((InvoiceLineKind.ProratedCharge, 5, 2748L), (line.Kind, line.Seats, line.Amount.Amount));
        Assert.Single(decision.Charges());
        var email = decision.Emails().Single();
        Assert.Equal((EmailKind.SeatsIncreasedAutomatically, Alice, "alice@acme.test"), (email.Kind, email.Recipient, email.Address));
    }

    [Fact]
    [Trait("Rule", "N3")]
    public void Adding_a_member_to_a_space_with_free_seats_charges_nothing()
    {
        var decision = SpaceDirectory.PutMember(Subscribed(seats: 5, members: 3), NewMember("frank"), DirectoryService, At(Now)).Ok();
        Assert.Empty(decision.Effects);
        Assert.Equal(5, decision.State.Subscription!.Seats.Value);
    }

    [Fact]
    [Trait("Rule", "N3")]
    public void A_scheduled_reduction_below_the_new_head_count_is_withdrawn_when_the_plan_grows()
    {
        var state = Changes.Change(Subscribed(seats: 10, members: 5), Change(seats: 5), As(Alice), At(Now)).Ok().State;
        for (var i = 0; i < 6; i++)
        {
            state = SpaceDirectory.PutMember(state, NewMember($"new-{i}"), DirectoryService, At(Now)).Ok().State;
        }

        Assert.Equal(15, state.Subscription!.Seats.Value); // 11 members: the next rung
        Assert.Null(state.Subscription.ScheduledChange);
    }
}
