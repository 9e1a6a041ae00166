using Billing.Core.Audit;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tax;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Tax;

/// <summary>T1, T2, T3 and M4 through the decisions that issue invoices: upgrade, change, renewal.</summary>
public class SubscriptionTaxTests
{
    private static BillingInfo Business(string country, string vatId, TaxIdStatus status = TaxIdStatus.Valid) =>
        BillingInfo(country) with { TaxId = new TaxId(vatId, status) };

    private static Decision UpgradeAs(BillingInfo billTo, string tier = "starter", BillingCycle cycle = BillingCycle.Monthly, int seats = 5) =>
        Upgrades.Upgrade(Space(), Upgrade(tier, cycle, seats) with { BillingInfo = billTo }, As(Alice), At(Now)).Ok();

    [Fact]
    [Trait("Rule", "T1")]
    public void A_german_business_with_a_valid_vat_id_upgrades_under_reverse_charge_in_euros()
    {
        var invoice = UpgradeAs(Business("DE", "DE136695976"), cycle: BillingCycle.Annual).Invoices().Single();
        Assert.Equal("EUR", invoice.Currency.Code);
        Assert.Equal(TaxReason.ReverseCharge, invoice.Taxation.Reason);
        Assert.True(invoice.Tax.IsZero);
        Assert.Equal(invoice.Subtotal, invoice.Total);
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void A_french_consumer_pays_french_vat_and_a_dutch_business_pays_dutch_vat()
    {
        var french = UpgradeAs(BillingInfo("FR")).Invoices().Single();
        Assert.Equal((2000, TaxReason.EuConsumer), (french.Taxation.Rate.BasisPoints, french.Taxation.Reason));
        Assert.Equal(french.Subtotal.MultiplyByFraction(20, 100), french.Tax);

        var dutch = UpgradeAs(Business("NL", "NL004495445B01")).Invoices().Single();
        Assert.Equal((2100, TaxReason.HomeCountry), (dutch.Taxation.Rate.BasisPoints, dutch.Taxation.Reason));
    }

    [Fact]
    [Trait("Rule", "T2")]
    public void A_vat_id_vies_could_not_confirm_is_charged_as_a_consumer_and_never_blocks_the_upgrade()
    {
        var decision = UpgradeAs(Business("DE", "DE136695976", TaxIdStatus.Unverified));
        var invoice = decision.Invoices().Single();
        Assert.Equal((1900, TaxReason.EuConsumer), (invoice.Taxation.Rate.BasisPoints, invoice.Taxation.Reason));
        Assert.True(TaxStatus.NeedsRecheck(decision.State));
    }

    [Fact]
    [Trait("Rule", "T2")]
    public void A_status_confirmed_later_applies_from_the_next_invoice_and_is_audited()
    {
        var upgraded = UpgradeAs(Business("DE", "DE136695976", TaxIdStatus.Unverified));
        var issued = upgraded.Invoices().Single();

        var rechecked = TaxStatus.Recheck(upgraded.State, RegisterAnswer.Confirmed, Caller.System("renewal-run"), At(Now.AddDays(1)));
        Assert.Equal(AuditAction.TaxIdRechecked, rechecked.Audit.Single().Action);
        Assert.False(TaxStatus.NeedsRecheck(rechecked.State));

        var renewal = Renewals.Advance(rechecked.State, At(rechecked.State.Subscription!.RenewsAt)).Invoices().Single();
        Assert.Equal(TaxReason.ReverseCharge, renewal.Taxation.Reason);
        Assert.Equal(TaxReason.EuConsumer, issued.Taxation.Reason); // the issued invoice keeps its tax
    }

    [Fact]
    [Trait("Rule", "T2")]
    public void An_unreachable_register_at_the_recheck_changes_nothing() =>
        Assert.Empty(TaxStatus.Recheck(UpgradeAs(Business("DE", "DE136695976", TaxIdStatus.Unverified)).State, RegisterAnswer.Unreachable, Caller.System("renewal-run"), At(Now)).Audit);

    [Fact]
    [Trait("Rule", "T1")]
    public void A_proration_carries_the_tax_of_the_invoice_it_is_on()
    {
        var upgraded = UpgradeAs(BillingInfo("FR"));
        var change = Changes.Change(upgraded.State, Change(tier: "advanced"), As(Alice), At(Now.AddDays(10))).Ok().Invoices().Single();
        Assert.Contains(change.Lines, l => l.Kind == InvoiceLineKind.ProratedCredit);
        Assert.Equal(2000, change.Taxation.Rate.BasisPoints);
        Assert.Equal(change.Subtotal.MultiplyByFraction(20, 100), change.Tax);
    }

    [Fact]
    [Trait("Rule", "T1")]
    [Trait("Rule", "V5")]
    public void A_credit_note_carries_the_tax_of_the_invoice_it_credits_even_after_the_tax_id_was_confirmed_and_the_refund_gives_that_tax_back()
    {
        var upgraded = UpgradeAs(Business("DE", "DE136695976", TaxIdStatus.Unverified));
        var paid = upgraded.Invoices().Single();
        var confirmed = TaxStatus.Recheck(upgraded.State, RegisterAnswer.Confirmed, Caller.System("renewal-run"), At(Now.AddDays(1))).State;
        var period = confirmed.Subscription!.CurrentPeriod;
        var halfWay = period.Start + ((period.End - period.Start) / 2);

        var decision = Cancellations.EndNow(confirmed, refundUnusedPart: true, Sales, At(halfWay)).Ok();

        var creditNote = decision.Invoices().Single();
        Assert.Equal(paid.Id, creditNote.Credits);
        Assert.Equal(paid.Taxation, creditNote.Taxation); // 19% as a consumer, not the reverse charge confirmed since
        Assert.Equal(creditNote.Subtotal.MultiplyByFraction(19, 100), creditNote.Tax);
        Assert.Equal(-creditNote.Total, decision.Effects.OfType<Billing.Core.Effects.RefundPayment>().Single().Amount);
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void A_renewal_keeps_the_tax_of_its_invoice_for_a_later_credit_note()
    {
        var upgraded = UpgradeAs(BillingInfo("FR"));
        var renewal = Renewals.Advance(upgraded.State, At(upgraded.State.Subscription!.RenewsAt));
        Assert.Equal(renewal.Invoices().Single().Taxation, renewal.State.Subscription!.PeriodTaxation);
    }

    [Fact]
    [Trait("Rule", "T3")]
    public void Sales_marks_a_customer_tax_exempt_and_its_next_invoice_carries_no_tax_and_the_reason()
    {
        var state = Subscribed(country: "NL");
        var decision = TaxStatus.SetExemption(state, new TaxExemption("Diplomatic mission"), Sales, At(Now)).Ok();
        var record = decision.Audit.Single();
        Assert.Equal((AuditAction.TaxExemptionChanged, (object?)null, (object?)new TaxExemption("Diplomatic mission")), (record.Action, record.Before, record.After));

        var renewal = Renewals.Advance(decision.State, At(decision.State.Subscription!.RenewsAt)).Invoices().Single();
        Assert.Equal((TaxReason.Exempt, "Diplomatic mission"), (renewal.Taxation.Reason, renewal.Taxation.ExemptionReason));
        Assert.True(renewal.Tax.IsZero);
    }

    [Fact]
    [Trait("Rule", "T3")]
    public void Only_sales_marks_a_customer_tax_exempt() =>
        TaxStatus.SetExemption(Subscribed(), new TaxExemption("Charity"), As(Alice), At(Now)).Fails(ErrorCode.Forbidden);

    [Fact]
    [Trait("Rule", "T3")]
    public void A_space_without_a_paid_plan_cannot_be_marked_exempt() =>
        TaxStatus.SetExemption(Space(), new TaxExemption("Charity"), Sales, At(Now)).Fails(ErrorCode.NotSubscribed);

    [Fact]
    [Trait("Rule", "T3")]
    public void Marking_the_same_exemption_again_changes_nothing()
    {
        var exempt = TaxStatus.SetExemption(Subscribed(), new TaxExemption("Charity"), Sales, At(Now)).Ok().State;
        Assert.Empty(TaxStatus.SetExemption(exempt, new TaxExemption("Charity"), Sales, At(Now)).Ok().Audit);
        Assert.Null(TaxStatus.SetExemption(exempt, null, Sales, At(Now)).Ok().State.Subscription!.TaxExemption);
    }

    [Theory]
    [Trait("Rule", "M4")]
    [InlineData("JP", "JPY")]
    [InlineData("GB", "GBP")]
    [InlineData("SE", "EUR")]
    [InlineData("DE", "EUR")]
    [InlineData("US", "USD")]
    [InlineData("BR", "USD")]
    public void The_billing_country_picks_the_currency_at_upgrade(string country, string currency) =>
        Assert.Equal(currency, UpgradeAs(BillingInfo(country)).State.Subscription!.Currency.Code);

    [Fact]
    [Trait("Rule", "M4")]
    public void A_japanese_customer_pays_whole_yen()
    {
        var invoice = UpgradeAs(BillingInfo("JP"), seats: 5).Invoices().Single();
        Assert.Equal(0, invoice.Currency.MinorUnitDigits);
        Assert.Equal(5 * 1700, invoice.Total.Amount); // 1,700 yen a seat, no tax outside the EU
    }
}
