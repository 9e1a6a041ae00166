using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Core.Tests.Catalog;

public class PriceCatalogTests
{
    private static readonly PriceCatalog Catalog = PriceCatalog.Default;

    [Fact]
    [Trait("Rule", "U1")]
    public void Four_tiers_are_on_sale_and_three_are_legacy()
    {
        Assert.Equal(["starter", "advanced", "enterprise", "enterprise_plus"], Catalog.TiersOnSale.Select(t => t.Id.Value));
        Assert.Equal(["premium", "business", "enterprise_legacy"], Catalog.Tiers.Where(t => !t.OnSale).Select(t => t.Id.Value));
    }

    [Fact]
    [Trait("Rule", "U2")]
    public void An_annual_seat_costs_ten_monthly_seats()
    {
        var starter = Catalog.FindTier(TierId.Parse("starter"))!;
        Assert.Equal(starter.SeatPrice(BillingCycle.Monthly, Currency.Usd) * 10, starter.SeatPrice(BillingCycle.Annual, Currency.Usd));
    }

    [Theory]
    [Trait("Rule", "M1")]
    [InlineData("US", "USD")]
    [InlineData("NL", "EUR")]
    [InlineData("DE", "EUR")]
    [InlineData("TW", "USD")]
    public void The_billing_country_chooses_the_currency(string country, string currency) =>
        Assert.Equal(currency, Catalog.CurrencyFor(country).Code);

    [Fact]
    public void Tax_applies_only_where_a_rate_is_configured()
    {
        Assert.Equal(2100, Catalog.TaxRateFor("NL").BasisPoints);
        Assert.Equal(0, Catalog.TaxRateFor("US").BasisPoints);
    }

    [Fact]
    public void The_default_policy_has_a_thirty_day_trial_and_retries_on_days_1_3_5_7()
    {
        Assert.Equal(30, Catalog.Policy.TrialDays);
        Assert.Equal([1, 3, 5, 7], Catalog.Policy.PaymentRetryDays.ToArray());
        Assert.Equal(20, Catalog.Policy.InvoicePaymentMinimumMembers);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"tiers\": []}")]
    [InlineData("null")]
    public void A_broken_catalog_file_is_refused_with_the_reason(string json) =>
        Assert.Throws<FormatException>(() => CatalogFile.Parse(json));
}
