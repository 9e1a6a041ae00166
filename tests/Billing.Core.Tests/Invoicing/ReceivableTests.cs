using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Invoicing;

/// <summary>I4: which invoices sales waits money for, and when one is overdue, decided from the invoice and the clock.</summary>
[Trait("Rule", "I4")]
public class ReceivableTests
{
    [Fact]
    public void An_invoice_awaiting_a_transfer_is_receivable_until_paid_and_its_amount_due_follows_the_transfers()
    {
        var invoice = ByInvoice();
        Assert.True(invoice.IsReceivable);

        var partly = invoice.Receive(new ReceivedPayment(Money.Of(100, invoice.Total.Currency), Now.AddDays(3), "BANK-1"));
        Assert.True(partly.IsReceivable);
        Assert.Equal(invoice.Total.Amount - 100, partly.AmountDue.Amount);

        var paid = partly.Receive(new ReceivedPayment(partly.AmountDue, Now.AddDays(4), "BANK-2"));
        Assert.False(paid.IsReceivable);
        Assert.False(invoice.MarkVoid().IsReceivable);
    }

    [Fact]
    public void An_invoice_awaiting_a_transfer_is_past_due_from_its_due_date_until_paid()
    {
        var invoice = ByInvoice();
        var due = invoice.Content.DueAt;
        Assert.Equal(Now.AddDays(30), due);

        Assert.Equal(InvoiceStatus.Open, invoice.StatusAt(due.AddSeconds(-1)));
        Assert.False(invoice.IsOverdueAt(due.AddSeconds(-1)));
        Assert.Equal(InvoiceStatus.PastDue, invoice.StatusAt(due));
        Assert.True(invoice.IsOverdueAt(due.AddDays(20)));
        Assert.Equal((0, 0, 20), (invoice.DaysOverdueAt(due.AddDays(-3)), invoice.DaysOverdueAt(due.AddHours(23)), invoice.DaysOverdueAt(due.AddDays(20).AddHours(1))));
        Assert.Equal(InvoiceStatus.Open, invoice.Status); // stored as issued: the clock decides what the reader sees

        var paid = invoice.Receive(new ReceivedPayment(invoice.Total, due.AddDays(1), "BANK-1"));
        Assert.Equal(InvoiceStatus.Paid, paid.StatusAt(due.AddDays(20)));
        Assert.False(paid.IsOverdueAt(due.AddDays(20)));
        Assert.Equal(InvoiceStatus.Void, invoice.MarkVoid().StatusAt(due.AddDays(20)));
    }

    [Fact]
    public void A_card_invoice_is_collected_by_its_provider_and_becomes_a_receivable_only_once_its_charge_failed()
    {
        var upgrade = Upgrades.Upgrade(Space(), Upgrade(), As(Alice), At(Now)).Ok();
        var invoice = Issued(upgrade.Invoices().Single());
        Assert.False(invoice.Content.PaymentMethod.IsInvoice);

        Assert.False(invoice.IsReceivable);
        Assert.Equal(InvoiceStatus.Open, invoice.StatusAt(Now.AddDays(2)));

        var late = invoice.MarkPastDue();
        Assert.True(late.IsReceivable);
        Assert.True(late.IsOverdueAt(Now.AddDays(2)));
        Assert.False(late.MarkPaid(Now.AddDays(3)).IsReceivable);
    }

    [Fact]
    public void A_card_invoice_still_open_was_never_receivable_and_one_that_was_past_due_or_awaits_a_transfer_may_have_been()
    {
        var upgrade = Upgrades.Upgrade(Space(), Upgrade(), As(Alice), At(Now)).Ok();
        var invoice = Issued(upgrade.Invoices().Single());

        // Still open: its first charge paying it settles an invoice no receivables row was ever written for.
        Assert.False(invoice.MayHaveBeenReceivable);
        Assert.False(invoice.AwaitConfirmation("pi_held").MayHaveBeenReceivable);
        // Past due stays past due until settled; once settled, where it stands no longer says.
        Assert.True(invoice.MarkPastDue().MayHaveBeenReceivable);
        Assert.True(invoice.MarkPastDue().AwaitConfirmation("pi_held").MayHaveBeenReceivable);
        Assert.True(invoice.MarkPaid(Now).MayHaveBeenReceivable);
        Assert.True(ByInvoice().MayHaveBeenReceivable);
    }

    [Fact]
    public void Only_sales_lists_the_receivables()
    {
        Assert.Null(Access.RequireSales(Sales));
        Assert.Equal(Billing.Core.Common.ErrorCode.Forbidden, Access.RequireSales(As(Alice))!.Code);
    }

    private static Invoice ByInvoice()
    {
        var upgrade = Upgrades.Upgrade(Space(members: 20), Upgrade(cycle: BillingCycle.Annual, seats: 20, paymentMethod: PaymentMethod.ByInvoice), Sales, At(Now)).Ok();
        return Issued(upgrade.Invoices().Single());
    }
}
