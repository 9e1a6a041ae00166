using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Invoicing;

/// <summary>The life of core's <see cref="Invoice"/>: issued, numbered once, and moved only forward by its transitions.</summary>
public class InvoiceLifeTests
{
    private static InvoiceDraft UpgradeDraft() =>
        Upgrades.Upgrade(Space(), Upgrade(seats: 5), As(Alice), At(Now)).Ok().Invoices().Single();

    private static InvoiceDraft ZeroTotalDraft()
    {
        var draft = UpgradeDraft();
        return draft with { Lines = [.. draft.Lines.Select(l => l with { UnitPrice = Usd(0), Amount = Usd(0) })] };
    }

    [Fact]
    [Trait("Rule", "V2")]
    public void An_issued_invoice_is_open_and_waits_for_its_number()
    {
        var issued = Invoice.Issue(UpgradeDraft(), Now);

        Assert.Equal(InvoiceStatus.Open, issued.Status);
        Assert.Null(issued.PaidAt);
        Assert.False(issued.IsNumbered);
        Assert.Throws<InvalidOperationException>(() => issued.NumberOrThrow);
    }

    [Fact]
    [Trait("Rule", "V2")]
    public void An_invoice_with_nothing_to_pay_is_paid_when_issued()
    {
        var draft = ZeroTotalDraft();
        Assert.True(draft.Total.IsZero);

        var issued = Invoice.Issue(draft, Now.AddMinutes(5));

        Assert.Equal((InvoiceStatus.Paid, Now.AddMinutes(5)), (issued.Status, issued.PaidAt));
    }

    [Fact]
    [Trait("Rule", "V1")]
    public void An_invoice_keeps_its_first_number()
    {
        var first = Invoice.Issue(UpgradeDraft(), Now).NumberAs(Given.Issuer, new InvoiceNumber("INV", 2026, 7));
        var again = first.NumberAs(Given.Issuer, new InvoiceNumber("INV", 2026, 8));

        Assert.Equal("INV-2026-000007", again.NumberOrThrow.ToString());
        Assert.Same(first, again);
    }

    [Fact]
    [Trait("Rule", "V1")]
    public void Numbering_keeps_what_happened_to_the_invoice_before_it_was_numbered()
    {
        var paidFirst = Invoice.Issue(UpgradeDraft(), Now).MarkPaid(Now).NumberAs(Given.Issuer, new InvoiceNumber("INV", 2026, 1));

        Assert.Equal((InvoiceStatus.Paid, Now), (paidFirst.Status, paidFirst.PaidAt));
    }

    [Fact]
    [Trait("Rule", "P3")]
    public void A_held_payment_is_kept_while_unpaid_and_dropped_once_paid()
    {
        var held = Invoice.Issue(UpgradeDraft(), Now).AwaitConfirmation("pi_held");
        Assert.Equal((InvoiceStatus.Open, "pi_held"), (held.Status, held.HeldPayment));

        var paid = held.MarkPaid(Now.AddHours(1));
        Assert.Equal((InvoiceStatus.Paid, (string?)null), (paid.Status, paid.HeldPayment));
        Assert.Same(paid, paid.AwaitConfirmation("pi_late"));
    }

    [Fact]
    [Trait("Rule", "V5")]
    public void Only_an_unpaid_invoice_is_voided_and_only_a_paid_one_refunded()
    {
        var open = Invoice.Issue(UpgradeDraft(), Now);
        var paid = open.MarkPaid(Now);

        Assert.Equal(InvoiceStatus.Void, open.MarkPastDue().MarkVoid().Status);
        Assert.Same(paid, paid.MarkVoid());
        var all = new InvoiceRefund(InvoiceId.Parse("cn-1"), paid.Total, Now);
        Assert.Throws<InvalidOperationException>(() => open.Refund(all));
        Assert.Equal(InvoiceStatus.Refunded, paid.Refund(all).Status);
        Assert.Equal(InvoiceStatus.Refunded, paid.Refund(all).MarkPaid(Now.AddDays(1)).MarkVoid().Status);
    }

    [Fact]
    [Trait("Rule", "B4")]
    public void A_charge_taken_at_once_pays_the_invoice_and_sends_it_as_the_receipt()
    {
        var upgrade = Upgrades.Upgrade(Space(), Upgrade(seats: 5), As(Alice), At(Now)).Ok();
        var issued = Invoice.Issue(upgrade.Invoices().Single(), Now);

        var (paid, receipt) = ChargeOutcomes.PaidNow(upgrade.State, issued, Now);

        Assert.Equal((InvoiceStatus.Paid, Now), (paid.Status, paid.PaidAt));
        Assert.Equal((EmailKind.Invoice, Alice, issued.Id), (receipt.Kind, receipt.Recipient, receipt.Invoice!.Value));
    }

    [Fact]
    [Trait("Rule", "P3")]
    public void A_charge_taken_at_once_that_the_bank_holds_keeps_the_invoice_open_and_asks_the_owner_to_confirm()
    {
        var upgrade = Upgrades.Upgrade(Space(), Upgrade(seats: 5), As(Alice), At(Now)).Ok();
        var issued = Invoice.Issue(upgrade.Invoices().Single(), Now);

        var (held, request) = ChargeOutcomes.HeldNow(upgrade.State, issued, "pi_3ds");

        Assert.Equal((InvoiceStatus.Open, "pi_3ds"), (held.Status, held.HeldPayment));
        Assert.Equal(EmailKind.PaymentActionRequired, request.Kind);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public void A_request_charges_before_it_is_stored_and_a_renewal_after()
    {
        var upgrade = Upgrades.Upgrade(Space(), Upgrade(seats: 5), As(Alice), At(Now)).Ok();
        Assert.IsType<ChargeNow>(Assert.Single(upgrade.Effects, e => e is ChargeNow or ChargeLater));

        var state = upgrade.State;
        var renewal = Renewals.Advance(state, At(state.Subscription!.RenewsAt));
        Assert.IsType<ChargeLater>(Assert.Single(renewal.Effects, e => e is ChargeNow or ChargeLater));
    }
}
