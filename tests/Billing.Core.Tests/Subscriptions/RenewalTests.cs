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

public class RenewalTests
{
    private static readonly Caller Run = Caller.System("renewal-run");

    [Fact]
    [Trait("Rule", "R1")]
    public void On_its_renewal_date_a_subscription_invoices_and_charges_the_new_period()
    {
        var state = Subscribed(seats: 5);
        var renewsAt = state.Subscription!.RenewsAt;
        Assert.True(Renewals.Advance(state, At(renewsAt.AddTicks(-1))).ChangesNothing);

        var decision = Renewals.Advance(state, At(renewsAt));
        var invoice = decision.Invoices().Single();
        Assert.Equal(InvoiceKind.Renewal, invoice.Kind);
        Assert.Equal(renewsAt, invoice.Period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero), invoice.Period.End);
        Assert.Equal(Usd(5 * 1099), invoice.Total);
        Assert.Equal(invoice.Total, decision.Charges().Single().Amount);
        Assert.Equal(Audit.AuditAction.SubscriptionRenewed, decision.Audit.Single().Action);
    }

    [Fact]
    [Trait("Rule", "R1")]
    public void Scheduled_changes_are_applied_first_then_the_new_period_is_invoiced()
    {
        var state = Changes.Change(Subscribed("advanced", seats: 10), Change(tier: "starter", seats: 5), As(Alice), At(Now)).Ok().State;
        var decision = Renewals.Advance(state, At(state.Subscription!.RenewsAt));
        var renewed = decision.State.Subscription!;
        Assert.Equal(("starter", 5), (renewed.Tier.Value, renewed.Seats.Value));
        Assert.Null(renewed.ScheduledChange);
        Assert.Equal(Usd(5 * 1099), decision.Invoices().Single().Total);
    }

    [Fact]
    [Trait("Rule", "C1")]
    public void A_scheduled_move_to_monthly_starts_a_monthly_schedule_at_the_renewal_date()
    {
        var state = Changes.Change(Subscribed(cycle: BillingCycle.Annual), Change(cycle: BillingCycle.Monthly), As(Alice), At(Now)).Ok().State;
        var renewed = Renewals.Advance(state, At(Now.AddYears(1))).State.Subscription!;
        Assert.Equal(BillingCycle.Monthly, renewed.Cycle);
        Assert.Equal(new BillingPeriod(Now.AddYears(1), Now.AddYears(1).AddMonths(1)), renewed.CurrentPeriod);
    }

    [Fact]
    [Trait("Rule", "N2")]
    public void A_scheduled_reduction_never_goes_below_the_members_that_count_at_renewal()
    {
        var state = Changes.Change(Subscribed(seats: 10, members: 3), Change(seats: 5), As(Alice), At(Now)).Ok().State;
        for (var i = 3; i < 7; i++)
        {
            state = state with { Members = state.Members.Add(UserId.Parse($"late-{i}"), new Member(UserId.Parse($"late-{i}"), "x@acme.test", null, MemberRole.Member, null)) };
        }

        var renewed = Renewals.Advance(state, At(state.Subscription!.RenewsAt)).State.Subscription!;
        Assert.Equal(10, renewed.Seats.Value); // 7 members: the smallest rung that covers them
    }

    [Fact]
    [Trait("Rule", "R2")]
    public void A_subscription_several_periods_behind_catches_up_each_period_exactly_once()
    {
        var state = Subscribed();
        var late = Now.AddMonths(3).AddDays(2);
        var invoiceIds = new List<InvoiceId>();
        for (var decision = Renewals.Advance(state, At(late)); !decision.ChangesNothing; decision = Renewals.Advance(state, At(late)))
        {
            invoiceIds.AddRange(decision.Invoices().Select(i => i.Id));
            state = decision.State;
        }

        Assert.Equal(["sub-1-p20260215100000", "sub-1-p20260315100000", "sub-1-p20260415100000"], invoiceIds.Select(i => i.Value));
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 10, 0, 0, TimeSpan.Zero), state.Subscription!.RenewsAt);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public void Deciding_the_same_renewal_twice_from_the_same_state_gives_the_same_invoice_id()
    {
        var state = Subscribed();
        var first = Renewals.Advance(state, At(state.Subscription!.RenewsAt)).Invoices().Single();
        var second = Renewals.Advance(state, At(state.Subscription.RenewsAt.AddMinutes(5))).Invoices().Single();
        Assert.Equal(first.Id, second.Id); // stored together with the state under an ETag, the second write loses
    }

    [Fact]
    [Trait("Rule", "R3")]
    public void A_failed_charge_puts_the_subscription_past_due_emails_the_billing_owner_and_retries_on_days_1_3_5_7()
    {
        var (state, invoice, renewedAt) = Renewed();
        var (failed, pastDueInvoice) = ChargeOutcomes.Failed(state, invoice, 1, Run, At(renewedAt));
        Assert.Equal(SubscriptionStatus.PastDue, failed.State.Status);
        Assert.Equal(InvoiceStatus.PastDue, pastDueInvoice.Status);
        Assert.Equal((EmailKind.PaymentFailed, Alice), (failed.Emails().Single().Kind, failed.Emails().Single().Recipient));

        state = failed.State;
        var attemptTimes = new List<DateTimeOffset>();
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            var due = Renewals.NextDueAt(state, Billing.Core.Catalog.PriceCatalog.Default.Policy)!.Value;
            attemptTimes.Add(due);
            Assert.True(Renewals.Advance(state, At(due.AddSeconds(-1))).ChangesNothing);
            var retry = Renewals.Advance(state, At(due));
            var charge = retry.Charges().Single();
            Assert.Equal((attempt, ChargeKeys.For(state.Space.Id, invoice.Id, attempt)), (charge.Attempt, charge.IdempotencyKey));
            Assert.Equal(SubscriptionStatus.PastDue, retry.State.Status); // paid features stay on
            Assert.True(Renewals.Advance(retry.State, At(due.AddDays(30))).ChangesNothing); // one attempt in flight at a time
            state = ChargeOutcomes.Failed(retry.State, pastDueInvoice, attempt, Run, At(due)).Decision.State;
        }

        Assert.Equal([renewedAt.AddDays(1), renewedAt.AddDays(3), renewedAt.AddDays(5), renewedAt.AddDays(7)], attemptTimes);
        Assert.Equal(SubscriptionStatus.Basic, state.Status);
        Assert.Equal(EndReason.Unpaid, state.PastSubscriptions.Single().Reason);
    }

    [Fact]
    [Trait("Rule", "R3")]
    public void A_retry_that_succeeds_ends_past_due_and_sends_the_invoice()
    {
        var (state, invoice, renewedAt) = Renewed();
        state = ChargeOutcomes.Failed(state, invoice, 1, Run, At(renewedAt)).Decision.State;
        var retry = Renewals.Advance(state, At(renewedAt.AddDays(1)));
        var (paid, paidInvoice) = ChargeOutcomes.Succeeded(retry.State, invoice.MarkPastDue(), Run, At(renewedAt.AddDays(1)));

        Assert.Equal(SubscriptionStatus.Active, paid.State.Status);
        Assert.Equal(InvoiceStatus.Paid, paidInvoice.Status);
        Assert.Equal(EmailKind.Invoice, paid.Emails().Single().Kind);
    }

    [Fact]
    [Trait("Rule", "P3")]
    public void A_repeated_or_late_payment_answer_changes_nothing()
    {
        var (state, invoice, renewedAt) = Renewed();
        var (paid, paidInvoice) = ChargeOutcomes.Succeeded(state, invoice, Run, At(renewedAt));
        Assert.True(ChargeOutcomes.Succeeded(paid.State, paidInvoice, Run, At(renewedAt)).Decision.ChangesNothing);
        Assert.True(ChargeOutcomes.Failed(paid.State, paidInvoice, 1, Run, At(renewedAt)).Decision.ChangesNothing);

        var failed = ChargeOutcomes.Failed(state, invoice, 1, Run, At(renewedAt)).Decision.State;
        Assert.True(ChargeOutcomes.Failed(failed, invoice.MarkPastDue(), 1, Run, At(renewedAt)).Decision.ChangesNothing);
    }

    [Fact]
    [Trait("Rule", "B4")]
    public void Every_cycle_the_billing_owner_and_nobody_else_receives_the_paid_invoice()
    {
        var (state, invoice, renewedAt) = Renewed();
        state = Ownership.TransferBillingOwner(state, Bob, As(Alice), At(renewedAt)).Ok().State;
        var email = ChargeOutcomes.Succeeded(state, invoice, Run, At(renewedAt)).Decision.Emails().Single();
        Assert.Equal((EmailKind.Invoice, Bob, "bob@acme.test", invoice.Id), (email.Kind, email.Recipient, email.Address, email.Invoice!.Value));
    }

    [Fact]
    [Trait("Rule", "I1")]
    public void A_plan_paid_by_invoice_renews_with_an_emailed_invoice_due_in_thirty_days_and_no_charge()
    {
        var state = Subscribed(cycle: BillingCycle.Annual, seats: 20, members: 20, paymentMethod: PaymentMethod.ByInvoice);
        // The first year's invoice was never paid: its reminder is the step that comes first (I4).
        var reminder = Renewals.Advance(state, At(Now.AddYears(1)));
        Assert.Equal(EmailKind.PaymentReminder, reminder.Emails().Single().Kind);
        var decision = Renewals.Advance(reminder.State, At(Now.AddYears(1)));
        Assert.Empty(decision.Charges());
        Assert.Equal(2, decision.State.Subscription!.AwaitedTransfers.Length);
        Assert.Equal(Now.AddYears(1).AddDays(30), decision.Invoices().Single().DueAt);
        Assert.Equal(EmailKind.Invoice, decision.Emails().Single().Kind);
    }

    private static (SpaceBilling State, Invoice Invoice, DateTimeOffset RenewedAt) Renewed()
    {
        var state = Subscribed();
        var renewedAt = state.Subscription!.RenewsAt;
        var renewal = Renewals.Advance(state, At(renewedAt));
        return (renewal.State, Issued(renewal.Invoices().Single()), renewedAt);
    }
}
