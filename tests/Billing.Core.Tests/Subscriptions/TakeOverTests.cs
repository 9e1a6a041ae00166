using System.Collections.Immutable;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

/// <summary>U11: an organization (or division) upgrade takes over the plans of its teams.</summary>
public class TakeOverTests
{
    private static readonly SpaceId TeamA = SpaceId.Parse("team-a");
    private static readonly SpaceId TeamB = SpaceId.Parse("team-b");

    private static SpaceSurroundings PaidTeams(UserId ownerA, UserId ownerB) =>
        new(false, [new PaidSpace(TeamA, ownerA), new PaidSpace(TeamB, ownerB)]);

    private static UpgradeCommand TakingOver(SpaceSurroundings surroundings) => Upgrade(surroundings: surroundings) with { TakeOverTeamPlans = true };

    [Fact]
    [Trait("Rule", "U11")]
    public void U11_the_billing_owner_of_every_team_plan_upgrades_the_organization_and_each_plan_is_queued_for_take_over()
    {
        var decision = Upgrades.Upgrade(Space(SpaceKind.Organization), TakingOver(PaidTeams(Alice, Alice)), As(Alice), At(Now)).Ok();

        Assert.Equal(SubscriptionStatus.Active, decision.State.Status);
        Assert.Equal([new TakeOverPlan(TeamA, SpaceId.Parse("space-1"), Now), new TakeOverPlan(TeamB, SpaceId.Parse("space-1"), Now)], decision.Effects.OfType<TakeOverPlan>());
        Assert.Contains(decision.Audit, a => a.Action == Audit.AuditAction.TeamPlansTakenOver);
    }

    [Fact]
    [Trait("Rule", "U11")]
    public void U11_without_permission_or_without_asking_the_upgrade_is_refused_and_names_each_team_with_its_owner()
    {
        var surroundings = PaidTeams(Alice, Bob);
        var notOwnerOfAll = Upgrades.Upgrade(Space(SpaceKind.Organization), TakingOver(surroundings), As(Alice), At(Now)).Fails(ErrorCode.TeamsAlreadyPaid);
        Assert.Equal([new RelatedSpace(TeamA, Alice), new RelatedSpace(TeamB, Bob)], notOwnerOfAll.Teams.ToArray());
        Upgrades.Upgrade(Space(SpaceKind.Organization), Upgrade(surroundings: PaidTeams(Alice, Alice)), As(Alice), At(Now)).Fails(ErrorCode.TeamsAlreadyPaid);
    }

    [Fact]
    [Trait("Rule", "U11")]
    public void U11_sales_may_take_over_plans_it_does_not_own()
    {
        var organization = Space(SpaceKind.Organization, members: 20);
        var upgrade = TakingOver(PaidTeams(Alice, Bob)) with { Cycle = Billing.Core.Calendar.BillingCycle.Annual, Seats = Billing.Core.Catalog.SeatCount.Of(20), PaymentMethod = Billing.Core.Payments.PaymentMethod.ByInvoice };
        Assert.Equal(2, Upgrades.Upgrade(organization, upgrade, Sales, At(Now)).Ok().Effects.OfType<TakeOverPlan>().Count());
    }

    [Fact]
    [Trait("Rule", "U11")]
    public void U11_taking_over_ends_the_team_plan_at_once_and_credits_the_unused_part_of_its_paid_period()
    {
        var team = Subscribed(tier: "starter", seats: 5); // monthly, 5 x 10.99 USD from Now
        var halfWay = team.Subscription!.CurrentPeriod.Start + ((team.Subscription.CurrentPeriod.End - team.Subscription.CurrentPeriod.Start) / 2);
        var takeOver = new TakeOverPlan(team.Space.Id, SpaceId.Parse("org-1"), halfWay);

        var decision = TakeOvers.End(team, takeOver, Caller.System("take-over"), At(halfWay.AddSeconds(5))).Ok();

        Assert.Equal(SubscriptionStatus.Basic, decision.State.Status);
        Assert.Equal(EndReason.TakenOver, decision.State.PastSubscriptions.Single().Reason);
        var creditNote = decision.Invoices().Single();
        Assert.Equal(InvoiceKind.CreditNote, creditNote.Kind);
        Assert.Equal(team.Subscription.RenewalInvoiceId(team.Subscription.CurrentPeriod.Start), creditNote.Credits);
        Assert.Equal(Usd(-2748), creditNote.Subtotal); // half of 5 x 1099, rounded half away from zero once (M2)
        var refund = decision.Effects.OfType<RefundPayment>().Single();
        Assert.Equal((creditNote.Id, -creditNote.Total), (refund.CreditNote, refund.Amount));
        var email = decision.Emails().Single();
        Assert.Equal((EmailKind.PlanTakenOver, Alice, (InvoiceId?)creditNote.Id), (email.Kind, email.Recipient, email.Invoice));
        Assert.Equal(InvoiceStatus.Issued, Invoice.Issue(creditNote, halfWay).Status);
    }

    [Fact]
    [Trait("Rule", "U11")]
    public void U11_taking_over_again_changes_nothing_so_the_outbox_may_repeat_it()
    {
        var team = Subscribed();
        var takeOver = new TakeOverPlan(team.Space.Id, SpaceId.Parse("org-1"), Now.AddDays(3));
        var once = TakeOvers.End(team, takeOver, Caller.System("take-over"), At(Now.AddDays(3))).Ok().State;

        Assert.True(TakeOvers.End(once, takeOver, Caller.System("take-over"), At(Now.AddDays(4))).Ok().ChangesNothing);
    }

    [Fact]
    [Trait("Rule", "U11")]
    public void U11_a_team_plan_past_due_is_ended_without_a_refund_of_a_period_it_has_not_paid()
    {
        var state = Subscribed();
        var renewal = Renewals.Advance(state, At(state.Subscription!.RenewsAt));
        var pastDue = ChargeOutcomes.Failed(renewal.State, Issued(renewal.Invoices().Single()), 1, Caller.System("renewal-run"), At(state.Subscription.RenewsAt)).Decision.State;

        var decision = TakeOvers.End(pastDue, new TakeOverPlan(pastDue.Space.Id, SpaceId.Parse("org-1"), state.Subscription.RenewsAt.AddDays(1)), Caller.System("take-over"), At(state.Subscription.RenewsAt.AddDays(1))).Ok();

        Assert.Equal(SubscriptionStatus.Basic, decision.State.Status);
        Assert.Empty(decision.Invoices());
        Assert.Empty(decision.Effects.OfType<RefundPayment>());
        Assert.Equal(EmailKind.PlanTakenOver, decision.Emails().Single().Kind);
    }
}
