using System.Collections.Immutable;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class UpgradeTests
{
    [Fact]
    [Trait("Rule", "U8")]
    public void An_upgrade_takes_all_its_choices_at_once_and_invoices_and_charges_the_first_period()
    {
        var decision = Upgrades.Upgrade(Space(members: 3), Upgrade("advanced", BillingCycle.Monthly, seats: 5), As(Alice), At(Now)).Ok();

        var subscription = decision.State.Subscription!;
        Assert.Equal("advanced", subscription.Tier.Value);
        Assert.Equal(5, subscription.Seats.Value);
        Assert.Equal(Alice, subscription.BillingOwner);
        Assert.Equal(SubscriptionStatus.Active, decision.State.Status);
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 10, 0, 0, TimeSpan.Zero), subscription.RenewsAt);

        var invoice = Assert.Single(decision.Invoices());
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(InvoiceLineKind.Plan, line.Kind);
        Assert.Equal(Usd(5 * 2499), invoice.Total);
        var charge = Assert.Single(decision.Charges());
        Assert.Equal(invoice.Total, charge.Amount);
        Assert.Equal(invoice.Id, charge.Invoice);
        Assert.Equal(Card, charge.PaymentMethod);
    }

    [Fact]
    [Trait("Rule", "U2")]
    public void An_annual_upgrade_costs_ten_months_per_seat()
    {
        var decision = Upgrades.Upgrade(Space(), Upgrade("starter", BillingCycle.Annual, seats: 3), As(Alice), At(Now)).Ok();
        Assert.Equal(Usd(3 * 1099 * 10), decision.Invoices().Single().Total);
        Assert.Equal(Now.AddYears(1), decision.State.Subscription!.RenewsAt);
    }

    [Fact]
    [Trait("Rule", "U3")]
    public void The_seats_bought_are_never_fewer_than_the_members_that_count() =>
        Upgrades.Upgrade(Space(members: 6), Upgrade(seats: 5), As(Alice), At(Now)).Fails(ErrorCode.SeatsBelowMembers);

    [Fact]
    [Trait("Rule", "U3")]
    public void Upgrading_a_team_pays_for_the_teams_members_only()
    {
        var team = Space(SpaceKind.Team, members: 2, id: "team-1");
        var decision = Upgrades.Upgrade(team, Upgrade(seats: 2), As(Alice), At(Now)).Ok();
        Assert.Equal(2, decision.State.Subscription!.Seats.Value);
    }

    [Fact]
    [Trait("Rule", "U4")]
    public void A_one_member_space_buys_two_seats()
    {
        Upgrades.Upgrade(Space(members: 1), Upgrade(seats: 1), As(Alice), At(Now)).Fails(ErrorCode.SeatCountNotOffered);
        Upgrades.Upgrade(Space(members: 1), Upgrade(seats: 2), As(Alice), At(Now)).Ok();
    }

    [Fact]
    [Trait("Rule", "U4")]
    public void Seat_counts_off_the_ladder_are_refused() =>
        Upgrades.Upgrade(Space(), Upgrade(seats: 7), As(Alice), At(Now)).Fails(ErrorCode.SeatCountNotOffered);

    [Theory]
    [Trait("Rule", "U1")]
    [InlineData("premium")]
    [InlineData("business")]
    [InlineData("enterprise_legacy")]
    public void Legacy_tiers_can_never_be_chosen_for_a_new_upgrade(string tier) =>
        Upgrades.Upgrade(Space(), Upgrade(tier), As(Alice), At(Now)).Fails(ErrorCode.TierNotOnSale);

    [Fact]
    public void An_unknown_tier_is_an_invalid_request() =>
        Upgrades.Upgrade(Space(), Upgrade("platinum"), As(Alice), At(Now)).Fails(ErrorCode.InvalidRequest);

    [Fact]
    [Trait("Rule", "U5")]
    public void Upgrading_a_team_is_allowed_while_its_organization_stays_on_basic() =>
        Upgrades.Upgrade(Space(SpaceKind.Team, id: "team-1"), Upgrade(surroundings: SpaceSurroundings.None), As(Alice), At(Now)).Ok();

    [Fact]
    [Trait("Rule", "U6")]
    public void A_team_inside_a_paid_organization_cannot_be_upgraded_on_its_own() =>
        Upgrades.Upgrade(Space(SpaceKind.Team, id: "team-1"), Upgrade(surroundings: new SpaceSurroundings(true, [])), As(Alice), At(Now))
            .Fails(ErrorCode.TeamInPaidOrganization);

    [Fact]
    [Trait("Rule", "U6")]
    public void An_organization_with_paid_teams_cannot_be_upgraded_and_the_error_lists_them()
    {
        var paidTeams = ImmutableArray.Create(new PaidSpace(SpaceId.Parse("team-a"), Bob), new PaidSpace(SpaceId.Parse("team-b"), Carol));
        var error = Upgrades.Upgrade(Space(SpaceKind.Organization), Upgrade(surroundings: new SpaceSurroundings(false, paidTeams)), As(Alice), At(Now))
            .Fails(ErrorCode.TeamsAlreadyPaid);
        Assert.Equal(["team-a", "team-b"], error.Related.ToArray());
        Assert.Equal([new RelatedSpace(SpaceId.Parse("team-a"), Bob), new RelatedSpace(SpaceId.Parse("team-b"), Carol)], error.Teams.ToArray());
    }

    [Fact]
    [Trait("Rule", "U7")]
    public void A_space_that_already_has_a_subscription_cannot_be_upgraded_again() =>
        Upgrades.Upgrade(Subscribed(), Upgrade(), As(Alice), At(Now)).Fails(ErrorCode.AlreadySubscribed);

    [Fact]
    [Trait("Rule", "U9")]
    public void The_caller_may_name_a_colleague_as_billing_owner()
    {
        var decision = Upgrades.Upgrade(Space(), Upgrade(owner: Bob), As(Alice), At(Now)).Ok();
        Assert.Equal(Bob, decision.State.Subscription!.BillingOwner);
        Assert.Equal("bob@acme.test", decision.State.Members[Bob].Email);
    }

    [Fact]
    [Trait("Rule", "U9")]
    public void The_billing_owner_must_be_a_member_of_the_space() =>
        Upgrades.Upgrade(Space(), Upgrade(owner: Stranger), As(Alice), At(Now)).Fails(ErrorCode.BillingOwnerNotMember);

    [Fact]
    public void Only_members_can_upgrade_and_others_learn_nothing() =>
        Upgrades.Upgrade(Space(), Upgrade(), As(Stranger), At(Now)).Fails(ErrorCode.NotFound);

    [Fact]
    public void A_paid_plan_needs_a_payment_method() =>
        Upgrades.Upgrade(Space(), Upgrade() with { PaymentMethod = null }, As(Alice), At(Now)).Fails(ErrorCode.PaymentMethodMissing);

    [Fact]
    [Trait("Rule", "B2")]
    public void The_billing_owner_of_a_paid_workspace_becomes_an_admin()
    {
        var decision = Upgrades.Upgrade(Space(), Upgrade(owner: Bob), As(Alice), At(Now)).Ok();
        Assert.Equal(MemberRole.Admin, decision.State.Members[Bob].Role);
        Assert.Contains(decision.Audit, r => r.Action == Audit.AuditAction.MemberUpdated);
    }

    [Fact]
    [Trait("Rule", "B2")]
    public void A_team_has_no_admins_so_its_billing_owner_keeps_the_member_role()
    {
        var decision = Upgrades.Upgrade(Space(SpaceKind.Team, id: "team-1"), Upgrade(), As(Alice), At(Now)).Ok();
        Assert.Equal(MemberRole.Member, decision.State.Members[Alice].Role);
    }

    [Fact]
    [Trait("Rule", "I1")]
    public void Payment_by_invoice_is_set_up_by_sales_only()
    {
        var upgrade = Upgrade(cycle: BillingCycle.Annual, seats: 20, paymentMethod: PaymentMethod.ByInvoice);
        Upgrades.Upgrade(Space(members: 20), upgrade, As(Alice), At(Now)).Fails(ErrorCode.Forbidden);
        var decision = Upgrades.Upgrade(Space(members: 20), upgrade, Sales, At(Now)).Ok();

        Assert.True(decision.State.Subscription!.IsPaidByInvoice);
        Assert.Empty(decision.Charges());
        var invoice = decision.Invoices().Single();
        Assert.Equal(Now.AddDays(30), invoice.DueAt);
        Assert.Equal(EmailKind.Invoice, decision.Emails().Single().Kind);
    }

    [Theory]
    [Trait("Rule", "I1")]
    [InlineData(BillingCycle.Monthly, 20)]
    [InlineData(BillingCycle.Annual, 15)]
    public void Payment_by_invoice_is_only_for_annual_plans_of_spaces_with_twenty_members_or_more(BillingCycle cycle, int members) =>
        Upgrades.Upgrade(Space(members: members), Upgrade(cycle: cycle, seats: 20, paymentMethod: PaymentMethod.ByInvoice), Sales, At(Now))
            .Fails(ErrorCode.InvoicePaymentNotEligible);

    [Fact]
    [Trait("Rule", "M1")]
    public void A_customer_in_the_euro_area_is_billed_in_euros_with_their_tax()
    {
        var decision = Upgrades.Upgrade(Space(), Upgrade("starter", seats: 5, country: "NL"), As(Alice), At(Now)).Ok();
        var invoice = decision.Invoices().Single();
        Assert.Equal("EUR", invoice.Currency.Code);
        Assert.Equal(5495, invoice.Subtotal.Amount);
        Assert.Equal(1154, invoice.Tax.Amount); // 21% of 54.95 = 11.5395
        Assert.Equal(6649, invoice.Total.Amount);
    }

    [Fact]
    [Trait("Rule", "A1")]
    public void An_upgrade_is_recorded_with_who_when_what_and_the_request()
    {
        var decision = Upgrades.Upgrade(Space(), Upgrade(), As(Alice), At(Now)).Ok();
        var record = decision.Audit.First();
        Assert.Equal(Audit.AuditAction.SubscriptionStarted, record.Action);
        Assert.Equal("alice", record.Actor);
        Assert.Equal(Now, record.At);
        Assert.Equal("req-1", record.RequestId);
        Assert.Null(record.Before);
        Assert.Equal(decision.State.Subscription, record.After);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public void The_charge_key_is_derived_from_the_invoice()
    {
        var decision = Upgrades.Upgrade(Space(), Upgrade(), As(Alice), At(Now)).Ok();
        var charge = decision.Charges().Single();
        Assert.Equal(ChargeKeys.For(SpaceId.Parse("space-1"), charge.Invoice, 1), charge.IdempotencyKey);
        Assert.Equal("sub-1-p20260115100000", charge.Invoice.Value);
    }
}
