using Billing.Core.Amounts;
using Billing.Core.Audit;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Tax;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

[Trait("Rule", "V5")]
public class RefundTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(10);

    [Fact]
    public void Voiding_an_open_invoice_issues_a_credit_note_of_all_of_it_and_it_is_no_longer_awaited()
    {
        var (state, invoice) = ByInvoice();
        Assert.Contains(state.Subscription!.AwaitedTransfers, a => a.Invoice == invoice.Id);

        var voided = Refunds.Void(state, invoice, Sales, At(Later)).Ok();

        Assert.Equal(InvoiceStatus.Void, voided.MovedInvoices.Single().Status);
        var note = voided.Invoices().Single();
        Assert.Equal((InvoiceKind.CreditNote, invoice.Id), (note.Kind, note.Credits!.Value));
        Assert.Equal((-invoice.Subtotal, -invoice.Tax, -invoice.Total), (note.Subtotal, note.Tax, note.Total));
        Assert.All(note.Lines, l => Assert.True(l.Amount.Amount <= 0));
        Assert.Empty(voided.Effects.OfType<RefundPayment>()); // nothing was paid
        Assert.DoesNotContain(voided.State.Subscription!.AwaitedTransfers, a => a.Invoice == invoice.Id);
        var email = voided.Emails().Single();
        Assert.Equal((EmailKind.InvoiceVoided, Alice, note.Id), (email.Kind, email.Recipient, email.Invoice!.Value)); // a void's words, not a refund's
        Assert.Equal(AuditAction.InvoiceVoided, voided.Audit.Single().Action);
        Assert.Equal(invoice.Content.Lines.Select(l => (l.Kind, l.Seats, l.UnitPrice, -l.Amount)), note.Lines.Select(l => (l.Kind, l.Seats, l.UnitPrice, l.Amount)));
    }

    [Fact]
    public void Only_an_open_or_past_due_invoice_is_voided()
    {
        var (state, invoice) = CardPaid();
        Refunds.Void(state, invoice, Sales, At(Later)).Fails(ErrorCode.InvoiceNotOpen);
        var (openState, open) = ByInvoice();
        Refunds.Void(openState, open.MarkVoid(), Sales, At(Later)).Fails(ErrorCode.InvoiceNotOpen);
        Refunds.Void(openState, open.MarkPastDue(), Sales, At(Later)).Ok();
    }

    [Fact]
    public void A_full_refund_credits_every_line_and_the_tax_and_goes_back_through_the_provider_with_the_credit_notes_key()
    {
        var (state, invoice) = CardPaid();

        var refund = Refunds.Refund(state, invoice, null, null, Sales, At(Later)).Ok();

        var refunded = refund.MovedInvoices.Single();
        Assert.Equal(InvoiceStatus.Refunded, refunded.Status);
        var note = refund.Invoices().Single();
        Assert.Equal((-invoice.Subtotal, -invoice.Tax, -invoice.Total), (note.Subtotal, note.Tax, note.Total));
        var back = refund.Effects.OfType<RefundPayment>().Single();
        Assert.Equal((note.Id, invoice.Id, invoice.Total), (back.CreditNote, back.Credited, back.Amount));
        Assert.Equal($"refund:{state.Space.Id}:{note.Id}", back.IdempotencyKey);
        Assert.Equal(EmailKind.CreditNote, refund.Emails().Single().Kind);
        Assert.Equal(AuditAction.InvoiceRefunded, refund.Audit.Single().Action);
        // All of it at once: the invoice's own lines, negative, whose seats and prices add up as they did on the invoice.
        Assert.Equal(invoice.Content.Lines.Select(l => (l.Kind, l.Seats, l.UnitPrice, -l.Amount)), note.Lines.Select(l => (l.Kind, l.Seats, l.UnitPrice, l.Amount)));
    }

    [Theory]
    [InlineData("NL", 2500)] // domestic VAT
    [InlineData("DE", 2500)] // reverse charge: no VAT, its mention kept
    [InlineData("NL", 1)]
    public void A_partial_refund_is_one_line_of_its_own_1_x_the_net_refunded_with_the_refunds_share_of_the_tax(string country, long amount)
    {
        var (state, invoice) = CardPaid(country: country, vatId: country == "DE" ? "DE136695976" : null);

        var note = Refunds.Refund(state, invoice, amount, null, Sales, At(Later)).Ok().Invoices().Single();

        var line = Assert.Single(note.Lines);
        Assert.Equal((InvoiceLineKind.Refund, 1, invoice.Content.Period), (line.Kind, line.Seats, line.Period));
        Assert.Equal(-note.Subtotal, line.UnitPrice); // 1 x the net...
        Assert.Equal(note.Subtotal, line.Amount); // ...given back
        Assert.Equal(-amount, note.Total.Amount);
        var tax = Rounding.DivideHalfAwayFromZero((Int128)invoice.Tax.Amount * amount, invoice.Total.Amount);
        Assert.Equal((-tax, invoice.Content.Taxation), (note.Tax.Amount, note.Taxation));
        Assert.Equal(country == "DE", note.Tax.IsZero && note.Taxation.Mention == LegalMention.ReverseCharge);
    }

    [Fact]
    public void The_rest_refunded_after_a_partial_refund_is_one_refund_line_too()
    {
        var (state, invoice) = CardPaid(country: "NL");
        var partly = Refunds.Refund(state, invoice, 1000, null, Sales, At(Later)).Ok().MovedInvoices.Single();

        var rest = Refunds.Refund(state, partly, null, null, Sales, At(Later)).Ok().Invoices().Single();

        Assert.Equal(InvoiceLineKind.Refund, Assert.Single(rest.Lines).Kind);
        Assert.Equal(-(invoice.Total.Amount - 1000), rest.Total.Amount);
    }

    [Fact]
    public void A_credit_note_is_issued_not_paid_and_answers_the_contracts_paid()
    {
        var (state, invoice) = CardPaid();
        var note = Issued(Refunds.Refund(state, invoice, 100, null, Sales, At(Later)).Ok().Invoices().Single());

        Assert.Equal(InvoiceStatus.Issued, note.Status);
        Assert.Equal(InvoiceStatus.Issued, note.StatusAt(Later.AddYears(1)));
        Assert.Null(note.PaidAt);
        Assert.True(note.IsSettled);
        Assert.Equal((InvoiceStatus.Issued, InvoiceStatus.Issued), (note.MarkVoid().Status, note.MarkPaid(Later).Status));
        Assert.Equal("paid", note.Status.ToApiName()); // API.md's statuses are closed; a credit note's kind tells it apart
        // One stored as paid before credit notes had a status of their own reads as issued.
        Assert.Equal(InvoiceStatus.Issued, Invoice.Restore(note.Content, InvoiceStatus.Paid, Later, null, null, null).Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(777)]
    [InlineData(1001)]
    public void A_partial_refund_splits_the_invoices_tax_in_proportion_and_its_total_is_exactly_minus_the_amount(long amount)
    {
        var (state, invoice) = CardPaid(country: "NL");
        Assert.False(invoice.Tax.IsZero);

        var refund = Refunds.Refund(state, invoice, amount, null, Sales, At(Later)).Ok();

        var note = refund.Invoices().Single();
        Assert.Equal(-amount, note.Total.Amount);
        Assert.Equal(note.Subtotal, Money.Of(note.Lines.Sum(l => l.Amount.Amount), note.Currency));
        var expectedTax = Rounding.DivideHalfAwayFromZero((Int128)invoice.Tax.Amount * amount, invoice.Total.Amount);
        Assert.Equal(-expectedTax, note.Tax.Amount);
        Assert.Equal(InvoiceStatus.PartiallyRefunded, refund.MovedInvoices.Single().Status);
        Assert.Equal(amount, refund.Effects.OfType<RefundPayment>().Single().Amount.Amount);
    }

    [Fact]
    public void Refunds_count_earlier_ones_and_never_exceed_what_was_paid()
    {
        var (state, invoice) = CardPaid(country: "NL");
        var first = Refunds.Refund(state, invoice, invoice.Total.Amount - 100, null, Sales, At(Later)).Ok();
        var partly = first.MovedInvoices.Single();

        Refunds.Refund(state, partly, 101, null, Sales, At(Later)).Fails(ErrorCode.RefundExceedsPaid);
        var rest = Refunds.Refund(state, partly, null, null, Sales, At(Later)).Ok();

        Assert.Equal(-100, rest.Invoices().Single().Total.Amount);
        Assert.NotEqual(first.Invoices().Single().Id, rest.Invoices().Single().Id);
        var refunded = rest.MovedInvoices.Single();
        Assert.Equal(InvoiceStatus.Refunded, refunded.Status);
        Assert.Equal(invoice.Total, refunded.AmountRefunded);
        // Both notes' taxes add up to the invoice's, to the minor unit.
        Assert.Equal(-invoice.Tax, first.Invoices().Single().Tax + rest.Invoices().Single().Tax);
        Refunds.Refund(state, refunded, 1, null, Sales, At(Later)).Fails(ErrorCode.RefundExceedsPaid);
    }

    [Fact]
    public void Only_a_paid_invoice_is_refunded_and_only_by_sales()
    {
        var (state, open) = ByInvoice();
        Refunds.Refund(state, open, 100, "BANK", Sales, At(Later)).Fails(ErrorCode.InvoiceNotPaid);
        Refunds.Refund(state, open.MarkVoid(), 100, "BANK", Sales, At(Later)).Fails(ErrorCode.InvoiceNotPaid);
        Refunds.Refund(state, null, 100, null, Sales, At(Later)).Fails(ErrorCode.NotFound);

        var (paidState, paid) = CardPaid();
        Refunds.Refund(paidState, paid, 100, null, As(Alice), At(Later)).Fails(ErrorCode.Forbidden);
        Refunds.Void(state, open, As(Alice), At(Later)).Fails(ErrorCode.Forbidden);
        Refunds.Refund(paidState, paid, 0, null, Sales, At(Later)).Fails(ErrorCode.InvalidRequest);
        Refunds.Refund(paidState, paid, -5, null, Sales, At(Later)).Fails(ErrorCode.InvalidRequest);
    }

    [Fact]
    public void An_invoice_paid_by_bank_transfer_is_refunded_with_its_bank_reference_and_no_provider_call()
    {
        var (state, open) = ByInvoice();
        var paidDecision = BankTransfers.Record(state, open, new PaymentReceived(open.Total.Amount, null, Later, "IN-1"), Sales, At(Later)).Ok();
        var paid = paidDecision.MovedInvoices.Single();

        Refunds.Refund(paidDecision.State, paid, 500, null, Sales, At(Later)).Fails(ErrorCode.InvalidRequest);
        var refund = Refunds.Refund(paidDecision.State, paid, 500, "OUT-7", Sales, At(Later)).Ok();

        Assert.Empty(refund.Effects.OfType<RefundPayment>());
        Assert.Equal("OUT-7", refund.MovedInvoices.Single().Refunds.Single().Reference);
        Assert.Equal(-500, refund.Invoices().Single().Total.Amount);
    }

    [Fact]
    public void A_refund_made_here_is_not_credited_again_when_the_providers_webhook_lists_it_and_a_dashboard_refund_is_credited_once()
    {
        var (state, invoice) = CardPaid(country: "NL");
        var ours = Refunds.Refund(state, invoice, 1000, null, Sales, At(Later)).Ok();
        var partly = ours.MovedInvoices.Single();
        var ourNote = ours.Invoices().Single().Id;

        var mine = new ProviderRefund("re_ours", Money.Of(1000, invoice.Total.Currency), ourNote);
        Assert.True(Refunds.MadeAtProvider(state, partly, [mine], Provider, At(Later)).Decision.ChangesNothing);

        var dashboard = new ProviderRefund("re_dashboard", Money.Of(250, invoice.Total.Currency), null);
        var (decision, after) = Refunds.MadeAtProvider(state, partly, [mine, dashboard], Provider, At(Later));
        Assert.Equal(-250, decision.Invoices().Single().Total.Amount);
        Assert.Empty(decision.Effects.OfType<RefundPayment>());
        Assert.Equal(1250, after.AmountRefunded.Amount);
        Assert.Equal("re_dashboard", after.Refunds.Last().ProviderRefund);

        // The same webhook again (or a later one listing both) issues nothing more.
        Assert.True(Refunds.MadeAtProvider(state, after, [mine, dashboard], Provider, At(Later)).Decision.ChangesNothing);
    }

    private static readonly Billing.Core.Spaces.Caller Provider = Billing.Core.Spaces.Caller.System("stripe");

    private static (SpaceBilling State, Invoice Invoice) ByInvoice()
    {
        var upgrade = Upgrades.Upgrade(Space(members: 20), Upgrade(cycle: BillingCycle.Annual, seats: 20, paymentMethod: PaymentMethod.ByInvoice), Sales, At(Now)).Ok();
        return (upgrade.State, Issued(upgrade.Invoices().Single()));
    }

    private static (SpaceBilling State, Invoice Invoice) CardPaid(string country = "US", string? vatId = null)
    {
        var command = Upgrade(seats: 5, country: country);
        command = vatId is null ? command : command with { BillingInfo = command.BillingInfo with { TaxId = new TaxId(vatId, TaxIdStatus.Valid) } };
        var upgrade = Upgrades.Upgrade(Space(), command, As(Alice), At(Now)).Ok();
        var invoice = Issued(upgrade.Invoices().Single()).MarkPaid(Now, "pi_1");
        return (upgrade.State, invoice);
    }
}
