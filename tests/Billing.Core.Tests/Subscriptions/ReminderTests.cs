using Billing.Core.Audit;
using Billing.Core.Calendar;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

[Trait("Rule", "I4")]
public class ReminderTests
{
    [Fact]
    public void An_invoice_paid_by_transfer_is_awaited_and_the_renewal_run_is_due_on_its_due_date()
    {
        var (state, invoice) = ByInvoice();
        var awaited = Assert.Single(state.Subscription!.AwaitedTransfers);
        Assert.Equal((invoice.Id, invoice.Content.DueAt, 0), (awaited.Invoice, awaited.DueAt, awaited.RemindersSent));
        Assert.Equal(invoice.Content.DueAt, Renewals.NextDueAt(state, At(Now).Catalog.Policy));
        Assert.Equal(SubscriptionStatus.Active, state.Status);
    }

    [Fact]
    public void Reminders_go_on_the_due_date_and_7_and_14_days_after_each_once_and_the_plan_is_past_due_with_its_features()
    {
        var (state, invoice) = ByInvoice();
        var due = invoice.Content.DueAt;
        Assert.True(Renewals.Advance(state, At(due.AddSeconds(-1))).ChangesNothing);

        foreach (var (days, sent) in new[] { (0, 1), (7, 2), (14, 3) })
        {
            var step = Renewals.Advance(state, At(due.AddDays(days)));
            var email = step.Emails().Single();
            Assert.Equal((EmailKind.PaymentReminder, Alice, invoice.Id), (email.Kind, email.Recipient, email.Invoice!.Value));
            Assert.Equal(AuditAction.PaymentReminderSent, step.Audit.Single().Action);
            state = step.State;
            Assert.Equal(sent, state.Subscription!.AwaitedTransfers.Single().RemindersSent);
            Assert.Equal(SubscriptionStatus.PastDue, state.Status);
            Assert.Equal("advanced", state.Subscription.Tier.Value); // paid features stay on
            Assert.True(Renewals.Advance(state, At(due.AddDays(days).AddHours(1))).ChangesNothing); // once
        }

        Assert.Equal(state.Subscription!.RenewsAt, Renewals.NextDueAt(state, At(Now).Catalog.Policy));
    }

    [Fact]
    public void A_run_that_comes_late_sends_the_latest_reminder_only()
    {
        var (state, invoice) = ByInvoice();
        var step = Renewals.Advance(state, At(invoice.Content.DueAt.AddDays(15)));
        Assert.Single(step.Emails());
        Assert.Equal(3, step.State.Subscription!.AwaitedTransfers.Single().RemindersSent);
        Assert.True(Renewals.Advance(step.State, At(invoice.Content.DueAt.AddDays(16))).ChangesNothing);
    }

    [Fact]
    public void The_transfer_that_pays_the_invoice_ends_past_due_and_the_reminders()
    {
        var (state, invoice) = ByInvoice();
        state = Renewals.Advance(state, At(invoice.Content.DueAt)).State;
        Assert.Equal(SubscriptionStatus.PastDue, state.Status);

        var paid = BankTransfers.Record(state, invoice, new PaymentReceived(invoice.Total.Amount, null, invoice.Content.DueAt, "B"), Sales, At(invoice.Content.DueAt.AddDays(1))).Ok();
        Assert.Equal(SubscriptionStatus.Active, paid.State.Status);
        Assert.Empty(paid.State.Subscription!.AwaitedTransfers);
        Assert.True(Renewals.Advance(paid.State, At(invoice.Content.DueAt.AddDays(7))).ChangesNothing);
    }

    [Fact]
    public void The_reminder_days_are_the_policy_s()
    {
        var (state, invoice) = ByInvoice();
        var context = At(invoice.Content.DueAt.AddDays(2));
        context = context with { Catalog = context.Catalog with { Policy = context.Catalog.Policy with { InvoiceReminderDays = [3] } } };
        Assert.True(Renewals.Advance(state, context).ChangesNothing);
        Assert.Equal(invoice.Content.DueAt.AddDays(3), Renewals.NextDueAt(state, context.Catalog.Policy));
    }

    [Fact]
    public void A_plan_paid_by_card_awaits_no_transfer()
    {
        Assert.Empty(Subscribed().Subscription!.AwaitedTransfers);
    }

    private static (SpaceBilling State, Invoice Invoice) ByInvoice()
    {
        var upgrade = Upgrades.Upgrade(Space(members: 20), Upgrade("advanced", BillingCycle.Annual, 20, paymentMethod: PaymentMethod.ByInvoice), Sales, At(Now)).Ok();
        return (upgrade.State, Issued(upgrade.Invoices().Single()));
    }
}
