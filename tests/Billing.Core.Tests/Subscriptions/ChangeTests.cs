using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class ChangeTests
{
    // Jan 15 10:00 -> Feb 15 10:00 is 31 days; Jan 30 22:00 leaves exactly half of it.
    private static readonly DateTimeOffset HalfWay = Now.AddDays(15.5);

    [Fact]
    [Trait("Rule", "N1")]
    public void Adding_seats_takes_effect_at_once_with_a_prorated_charge_for_the_rest_of_the_period()
    {
        var decision = Changes.Change(Subscribed(seats: 5), Change(seats: 10), As(Alice), At(HalfWay)).Ok();

        Assert.Equal(10, decision.State.Subscription!.Seats.Value);
        var invoice = Assert.Single(decision.Invoices());
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(InvoiceLineKind.ProratedCharge, line.Kind);
        Assert.Equal(5, line.Seats);
        Assert.Equal(HalfWay, line.Period.Start);
        Assert.Equal(Usd(2748), line.Amount); // 5 x 10.99 / 2 = 27.475, rounded half away from zero
        Assert.Equal(invoice.Total, decision.Charges().Single().Amount);
        Assert.Equal("sub-1-c1", invoice.Id.Value);
    }

    [Fact]
    [Trait("Rule", "N2")]
    public void Removing_seats_takes_effect_at_the_next_renewal()
    {
        var decision = Changes.Change(Subscribed(seats: 10), Change(seats: 5), As(Alice), At(HalfWay)).Ok();

        var subscription = decision.State.Subscription!;
        Assert.Equal(10, subscription.Seats.Value);
        Assert.Equal(5, subscription.ScheduledChange!.Seats!.Value.Value);
        Assert.Empty(decision.Invoices());
        Assert.Empty(decision.Charges());
    }

    [Fact]
    [Trait("Rule", "N2")]
    public void Seats_can_never_be_scheduled_below_the_members_that_count() =>
        Changes.Change(Subscribed(seats: 10, members: 6), Change(seats: 5), As(Alice), At(HalfWay)).Fails(ErrorCode.SeatsBelowMembers);

    [Fact]
    [Trait("Rule", "C1")]
    public void Moving_to_a_higher_tier_takes_effect_at_once_with_the_unused_part_credited()
    {
        var decision = Changes.Change(Subscribed("starter", seats: 5), Change(tier: "advanced"), As(Alice), At(HalfWay)).Ok();

        Assert.Equal("advanced", decision.State.Subscription!.Tier.Value);
        var invoice = decision.Invoices().Single();
        var charge = invoice.Lines.Single(l => l.Kind == InvoiceLineKind.ProratedCharge);
        var credit = invoice.Lines.Single(l => l.Kind == InvoiceLineKind.ProratedCredit);
        Assert.Equal(Usd(6248), charge.Amount);   // 5 x 24.99 / 2 = 62.475
        Assert.Equal(Usd(-2748), credit.Amount);  // 5 x 10.99 / 2 = 27.475
        Assert.Equal(Usd(3500), invoice.Total);
    }

    [Fact]
    [Trait("Rule", "C1")]
    public void Moving_from_monthly_to_annual_takes_effect_at_once_and_starts_an_annual_period_now()
    {
        var decision = Changes.Change(Subscribed("starter", BillingCycle.Monthly, seats: 5), Change(cycle: BillingCycle.Annual), As(Alice), At(HalfWay)).Ok();

        var subscription = decision.State.Subscription!;
        Assert.Equal(BillingCycle.Annual, subscription.Cycle);
        Assert.Equal(HalfWay, subscription.CurrentPeriod.Start);
        Assert.Equal(HalfWay.AddYears(1), subscription.RenewsAt);
        var invoice = decision.Invoices().Single();
        Assert.Equal(Usd(5 * 10990), invoice.Lines.Single(l => l.Kind == InvoiceLineKind.Plan).Amount);
        Assert.Equal(Usd(-2748), invoice.Lines.Single(l => l.Kind == InvoiceLineKind.ProratedCredit).Amount);
    }

    [Fact]
    [Trait("Rule", "C1")]
    public void Moving_to_a_lower_tier_is_scheduled_for_the_renewal()
    {
        var decision = Changes.Change(Subscribed("advanced"), Change(tier: "starter"), As(Alice), At(HalfWay)).Ok();
        Assert.Equal("advanced", decision.State.Subscription!.Tier.Value);
        Assert.Equal("starter", decision.State.Subscription.ScheduledChange!.Tier!.Value.Value);
        Assert.Empty(decision.Charges());
    }

    [Fact]
    [Trait("Rule", "C1")]
    public void Moving_from_annual_to_monthly_is_scheduled_for_the_renewal()
    {
        var decision = Changes.Change(Subscribed(cycle: BillingCycle.Annual), Change(cycle: BillingCycle.Monthly), As(Alice), At(HalfWay)).Ok();
        Assert.Equal(BillingCycle.Annual, decision.State.Subscription!.Cycle);
        Assert.Equal(BillingCycle.Monthly, decision.State.Subscription.ScheduledChange!.Cycle);
    }

    [Fact]
    [Trait("Rule", "C1")]
    public void A_scheduled_change_can_be_replaced()
    {
        var scheduled = Changes.Change(Subscribed(seats: 20), Change(seats: 10), As(Alice), At(HalfWay)).Ok().State;
        var replaced = Changes.Change(scheduled, Change(seats: 15), As(Alice), At(HalfWay)).Ok().State;
        Assert.Equal(15, replaced.Subscription!.ScheduledChange!.Seats!.Value.Value);
    }

    [Fact]
    [Trait("Rule", "C1")]
    public void A_scheduled_change_can_be_withdrawn_by_asking_for_the_current_value()
    {
        var scheduled = Changes.Change(Subscribed("advanced"), Change(tier: "starter"), As(Alice), At(HalfWay)).Ok().State;
        var decision = Changes.Change(scheduled, Change(tier: "advanced"), As(Alice), At(HalfWay)).Ok();
        Assert.Null(decision.State.Subscription!.ScheduledChange);
        Assert.Equal(Audit.AuditAction.ChangeScheduled, decision.Audit.Single().Action);
    }

    [Fact]
    [Trait("Rule", "C1")]
    public void One_request_can_raise_the_tier_now_and_lower_the_seats_at_renewal()
    {
        var decision = Changes.Change(Subscribed("starter", seats: 10), Change(tier: "advanced", seats: 5), As(Alice), At(HalfWay)).Ok();
        var subscription = decision.State.Subscription!;
        Assert.Equal("advanced", subscription.Tier.Value);
        Assert.Equal(10, subscription.Seats.Value);
        Assert.Equal(5, subscription.ScheduledChange!.Seats!.Value.Value);
        Assert.Single(decision.Invoices());
    }

    [Fact]
    [Trait("Rule", "U1")]
    public void A_legacy_tier_renews_as_it_is_and_can_move_to_a_tier_on_sale_but_never_back()
    {
        var starter = Subscribed("starter");
        var legacy = starter with { Plan = new PaidPlan(starter.Subscription! with { Tier = TierId.Parse("business") }) };
        Changes.Change(legacy, Change(tier: "premium"), As(Alice), At(HalfWay)).Fails(ErrorCode.TierNotOnSale);
        Assert.Equal("advanced", Changes.Change(legacy, Change(tier: "advanced"), As(Alice), At(HalfWay)).Ok().State.Subscription!.Tier.Value);
        Assert.Equal("business", Renewals.Advance(legacy, At(legacy.Subscription!.RenewsAt)).State.Subscription!.Tier.Value);
    }

    [Fact]
    public void Asking_for_what_is_already_there_changes_nothing() =>
        Assert.True(Changes.Change(Subscribed(seats: 5), Change(seats: 5), As(Alice), At(HalfWay)).Ok().ChangesNothing);

    [Fact]
    public void An_empty_change_is_an_invalid_request() =>
        Changes.Change(Subscribed(), Change(), As(Alice), At(HalfWay)).Fails(ErrorCode.InvalidRequest);

    [Fact]
    [Trait("Rule", "B1")]
    public void Only_the_billing_owner_can_change_the_plan()
    {
        Changes.Change(Subscribed(), Change(seats: 10), As(Bob), At(HalfWay)).Fails(ErrorCode.NotBillingOwner);
        Changes.Change(Subscribed(), Change(seats: 10), As(Stranger), At(HalfWay)).Fails(ErrorCode.NotFound);
        Changes.Change(Space(), Change(seats: 10), As(Alice), At(HalfWay)).Fails(ErrorCode.NotSubscribed);
    }

    [Fact]
    [Trait("Rule", "B1")]
    public void An_admin_who_is_not_the_billing_owner_cannot_change_the_plan()
    {
        var state = Subscribed();
        state = state with { Members = state.Members.SetItem(Bob, state.Members[Bob] with { Role = Billing.Core.Spaces.MemberRole.Admin }) };
        Changes.Change(state, Change(seats: 10), As(Bob), At(HalfWay)).Fails(ErrorCode.NotBillingOwner);
    }

    [Fact]
    [Trait("Rule", "I2")]
    public void On_a_plan_paid_by_invoice_the_billing_owner_is_sent_to_sales_and_sales_can_change_it()
    {
        var state = Subscribed(cycle: BillingCycle.Annual, seats: 20, members: 20, paymentMethod: PaymentMethod.ByInvoice);
        Changes.Change(state, Change(seats: 30), As(Alice), At(HalfWay)).Fails(ErrorCode.ContactSales);
        Cancellations.Cancel(state, As(Alice), At(HalfWay)).Fails(ErrorCode.ContactSales);
        Ownership.SwitchPaymentMethod(state, Card, As(Alice), At(HalfWay)).Fails(ErrorCode.ContactSales);

        var decision = Changes.Change(state, Change(seats: 30), Sales, At(HalfWay)).Ok();
        Assert.Equal(30, decision.State.Subscription!.Seats.Value);
        Assert.Empty(decision.Charges());
        Assert.Single(decision.Invoices());
    }

    [Fact]
    [Trait("Rule", "I1")]
    public void Sales_cannot_move_a_plan_paid_by_invoice_to_a_monthly_cycle() =>
        Changes.Change(Subscribed(cycle: BillingCycle.Annual, seats: 20, members: 20, paymentMethod: PaymentMethod.ByInvoice), Change(cycle: BillingCycle.Monthly), Sales, At(HalfWay))
            .Fails(ErrorCode.InvoicePaymentNotEligible);

    [Fact]
    [Trait("Rule", "U8")]
    public void A_change_can_be_previewed_without_committing()
    {
        var state = Subscribed(seats: 5);
        var preview = Previews.Change(state, Change(seats: 10), As(Alice), At(HalfWay)).Ok();
        Assert.Equal(Usd(2748), preview.DueNow!.Total);
        Assert.Equal(state.Subscription!.RenewsAt, preview.NextInvoiceAt);
        Assert.Equal(Usd(10 * 1099), preview.NextInvoiceTotal);
        Assert.Equal(5, state.Subscription.Seats.Value);
    }

    [Fact]
    [Trait("Rule", "U8")]
    public void An_upgrade_can_be_previewed_before_a_payment_method_is_chosen()
    {
        var preview = Previews.Upgrade(Space(), Upgrade(seats: 5) with { PaymentMethod = null }, As(Alice), At(Now)).Ok();
        Assert.Equal(Usd(5 * 1099), preview.DueNow!.Total);
        Assert.Equal(Usd(5 * 1099), preview.NextInvoiceTotal);
    }

    [Fact]
    [Trait("Rule", "U8")]
    public void A_preview_of_a_scheduled_reduction_shows_nothing_due_now_and_a_smaller_next_invoice()
    {
        var preview = Previews.Change(Subscribed(seats: 10), Change(seats: 5), As(Alice), At(HalfWay)).Ok();
        Assert.Null(preview.DueNow);
        Assert.Equal(Usd(5 * 1099), preview.NextInvoiceTotal);
    }
}
