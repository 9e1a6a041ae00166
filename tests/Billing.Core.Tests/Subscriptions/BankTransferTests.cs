using Billing.Core.Amounts;
using Billing.Core.Audit;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

[Trait("Rule", "I3")]
public class BankTransferTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(10);

    [Fact]
    public void Partial_transfers_add_up_and_the_covering_one_pays_the_invoice_and_emails_the_receipt()
    {
        var (state, invoice) = ByInvoice();
        var firstPart = invoice.Total.Amount / 3;

        var first = BankTransfers.Record(state, invoice, Transfer(firstPart, "BANK-1"), Sales, At(Later)).Ok();
        var partly = first.MovedInvoices.Single();
        Assert.Equal(InvoiceStatus.Open, partly.Status);
        Assert.Equal(invoice.Total.Amount - firstPart, partly.AmountDue.Amount);
        Assert.Empty(first.Emails());
        Assert.Equal(AuditAction.PaymentReceived, first.Audit.Single().Action);

        var second = BankTransfers.Record(first.State, partly, Transfer(invoice.Total.Amount - firstPart, "BANK-2", Later.AddDays(-1)), Sales, At(Later)).Ok();
        var paid = second.MovedInvoices.Single();
        Assert.Equal(InvoiceStatus.Paid, paid.Status);
        Assert.Equal(Later.AddDays(-1), paid.PaidAt);
        Assert.True(paid.AmountDue.IsZero);
        Assert.Equal(["BANK-1", "BANK-2"], paid.Received.Select(p => p.Reference));
        Assert.Equal([AuditAction.PaymentReceived, AuditAction.InvoicePaid], second.Audit.Select(a => a.Action));
        var receipt = second.Emails().Single();
        Assert.Equal((EmailKind.Invoice, Alice, invoice.Id), (receipt.Kind, receipt.Recipient, receipt.Invoice!.Value));
    }

    [Fact]
    public void A_payment_above_the_amount_still_due_is_refused()
    {
        var (state, invoice) = ByInvoice();
        var partly = BankTransfers.Record(state, invoice, Transfer(100, "BANK-1"), Sales, At(Later)).Ok().MovedInvoices.Single();

        BankTransfers.Record(state, partly, Transfer(invoice.Total.Amount - 99, "BANK-2"), Sales, At(Later)).Fails(ErrorCode.PaymentExceedsAmountDue);
        Assert.Equal(InvoiceStatus.Paid, BankTransfers.Record(state, partly, Transfer(invoice.Total.Amount - 100, "BANK-2"), Sales, At(Later)).Ok().MovedInvoices.Single().Status);
    }

    [Fact]
    public void Only_an_open_or_past_due_invoice_takes_payments()
    {
        var (state, invoice) = ByInvoice();
        BankTransfers.Record(state, invoice.MarkPaid(Now), Transfer(100, "B"), Sales, At(Later)).Fails(ErrorCode.InvoiceNotOpen);
        BankTransfers.Record(state, invoice.MarkVoid(), Transfer(100, "B"), Sales, At(Later)).Fails(ErrorCode.InvoiceNotOpen);
        Assert.Single(BankTransfers.Record(state, invoice.MarkPastDue(), Transfer(100, "B"), Sales, At(Later)).Ok().MovedInvoices);
        BankTransfers.Record(state, null, Transfer(100, "B"), Sales, At(Later)).Fails(ErrorCode.NotFound);
    }

    [Fact]
    public void Only_sales_records_payments_and_non_members_learn_nothing()
    {
        var (state, invoice) = ByInvoice();
        BankTransfers.Record(state, invoice, Transfer(100, "B"), As(Alice), At(Later)).Fails(ErrorCode.Forbidden);
        BankTransfers.Record(state, invoice, Transfer(100, "B"), As(Stranger), At(Later)).Fails(ErrorCode.NotFound);
    }

    [Fact]
    public void A_payment_is_positive_in_the_invoice_currency_and_already_received()
    {
        var (state, invoice) = ByInvoice();
        BankTransfers.Record(state, invoice, Transfer(0, "B"), Sales, At(Later)).Fails(ErrorCode.InvalidRequest);
        BankTransfers.Record(state, invoice, Transfer(100, "B") with { Currency = Currency.Parse("JPY") }, Sales, At(Later)).Fails(ErrorCode.InvalidRequest);
        BankTransfers.Record(state, invoice, Transfer(100, "B", Later.AddDays(1)), Sales, At(Later)).Fails(ErrorCode.InvalidRequest);
    }

    [Fact]
    public void Paying_the_invoice_that_made_the_plan_past_due_ends_past_due()
    {
        var (state, invoice) = ByInvoice();
        var subscription = state.Subscription!;
        var late = state with { Plan = new PaidPlan(subscription with { Dunning = new Dunning(invoice.Id, invoice.Total, Now, 1, Later, false) }) };
        Assert.Equal(SubscriptionStatus.PastDue, late.Status);

        var paid = BankTransfers.Record(late, invoice, Transfer(invoice.Total.Amount, "B"), Sales, At(Later)).Ok();
        Assert.Equal(SubscriptionStatus.Active, paid.State.Status);
    }

    private static PaymentReceived Transfer(long amount, string reference, DateTimeOffset? at = null) => new(amount, null, at ?? Later, reference);

    private static (SpaceBilling State, Invoice Invoice) ByInvoice()
    {
        var upgrade = Upgrades.Upgrade(Space(members: 20), Upgrade(cycle: BillingCycle.Annual, seats: 20, paymentMethod: PaymentMethod.ByInvoice), Sales, At(Now)).Ok();
        var invoice = Issued(upgrade.Invoices().Single());
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        return (upgrade.State, invoice);
    }
}
