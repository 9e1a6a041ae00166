using System.Collections.Frozen;
using Billing.Core.Amounts;
using Billing.Core.Catalog;
using Billing.Core.Tax;

namespace Billing.Core.Tests.Tax;

/// <summary>T1 and T3: the tax decision as one pure function of the invoice's facts.</summary>
public class TaxRuleTests
{
    private static readonly PriceCatalog Catalog = PriceCatalog.Default;

    private static TaxTreatment Decide(string customerCountry, TaxId? taxId = null, TaxExemption? exemption = null, string home = "NL") =>
        TaxRules.Decide(home, customerCountry, taxId, exemption, Catalog.TaxRateByCountry);

    private static TaxId Valid(string value) => new(value, TaxIdStatus.Valid);

    [Fact]
    [Trait("Rule", "T1")]
    public void A_customer_in_the_home_country_pays_the_home_rate_even_with_a_valid_vat_id()
    {
        var tax = Decide("NL", Valid("NL004495445B01"));
        Assert.Equal((2100, TaxReason.HomeCountry, LegalMention.None), (tax.Rate.BasisPoints, tax.Reason, tax.Mention));
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void A_business_elsewhere_in_the_eu_with_a_valid_vat_id_pays_no_vat_under_reverse_charge()
    {
        var tax = Decide("DE", Valid("DE136695976"));
        Assert.Equal((0, TaxReason.ReverseCharge, LegalMention.ReverseCharge), (tax.Rate.BasisPoints, tax.Reason, tax.Mention));
    }

    [Theory]
    [Trait("Rule", "T1")]
    [InlineData("FR", 2000)]
    [InlineData("DE", 1900)]
    [InlineData("SE", 2500)]
    [InlineData("HU", 2700)]
    [InlineData("LU", 1700)]
    public void A_consumer_elsewhere_in_the_eu_pays_the_vat_of_their_own_country(string country, int basisPoints)
    {
        var tax = Decide(country);
        Assert.Equal((basisPoints, TaxReason.EuConsumer, LegalMention.None), (tax.Rate.BasisPoints, tax.Reason, tax.Mention));
    }

    [Theory]
    [Trait("Rule", "T1")]
    [InlineData(TaxIdStatus.Unverified)]
    [InlineData(TaxIdStatus.Invalid)]
    public void A_vat_id_the_register_has_not_confirmed_is_charged_as_a_consumer(TaxIdStatus status)
    {
        var tax = Decide("DE", new TaxId("DE136695976", status));
        Assert.Equal((1900, TaxReason.EuConsumer), (tax.Rate.BasisPoints, tax.Reason));
    }

    [Theory]
    [Trait("Rule", "T1")]
    [InlineData("US")]
    [InlineData("JP")]
    [InlineData("CH")]
    [InlineData("GB")]
    public void Outside_the_eu_no_tax_is_charged_unless_the_catalog_sets_a_rate(string country)
    {
        var tax = Decide(country, Valid("GB980780684"));
        Assert.Equal((0, TaxReason.OutsideEu, LegalMention.None), (tax.Rate.BasisPoints, tax.Reason, tax.Mention));
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void Outside_the_eu_the_catalogs_rate_for_the_country_applies()
    {
        var rates = Catalog.TaxRateByCountry.ToDictionary().Append(new("NO", new TaxRate(2500))).ToFrozenDictionary();
        var tax = TaxRules.Decide("NL", "NO", null, null, rates);
        Assert.Equal((2500, TaxReason.OutsideEu), (tax.Rate.BasisPoints, tax.Reason));
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void An_issuer_outside_the_eu_charges_its_home_rate_at_home_and_the_catalogs_rate_elsewhere()
    {
        Assert.Equal(TaxReason.HomeCountry, Decide("US", home: "US").Reason);
        var abroad = Decide("DE", Valid("DE136695976"), home: "US");
        Assert.Equal((1900, TaxReason.OutsideEu), (abroad.Rate.BasisPoints, abroad.Reason));
    }

    [Theory]
    [Trait("Rule", "T3")]
    [InlineData("NL")]
    [InlineData("FR")]
    [InlineData("US")]
    public void An_exempt_customer_pays_no_tax_anywhere_and_the_invoice_prints_the_reason(string country)
    {
        var tax = Decide(country, exemption: new TaxExemption("UN agency, Art. 151(1)(b)"));
        Assert.Equal((0, TaxReason.Exempt, LegalMention.Exemption, "UN agency, Art. 151(1)(b)"), (tax.Rate.BasisPoints, tax.Reason, tax.Mention, tax.ExemptionReason));
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void The_default_catalog_has_the_standard_rate_of_every_eu_member_state()
    {
        Assert.All(EuMemberStates.Countries, c => Assert.True(Catalog.TaxRateByCountry.ContainsKey(c), c));
        Assert.Equal(27, EuMemberStates.Countries.Count());
        Assert.Equal("NL", Catalog.HomeCountry);
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void A_catalog_with_an_eu_home_country_refuses_to_miss_a_member_states_rate()
    {
        var rates = Catalog.TaxRateByCountry.Where(r => r.Key != "MT").ToFrozenDictionary();
        var error = Assert.Throws<ArgumentException>(() =>
            new PriceCatalog(Catalog.Tiers, Catalog.Ladder, Catalog.DefaultCurrency, Catalog.CurrencyByCountry, rates, Catalog.Policy) { HomeCountry = "NL" });
        Assert.Contains("MT", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "T1")]
    [InlineData(54950, 1900, 10441)]
    [InlineData(54950, 0, 0)]
    [InlineData(1099, 2100, 231)]
    public void The_tax_is_the_rate_of_the_subtotal_rounded_once_half_away_from_zero(long subtotal, int basisPoints, long tax) =>
        Assert.Equal(tax, new TaxTreatment(new TaxRate(basisPoints), TaxReason.HomeCountry, null).TaxOn(Money.Of(subtotal, Currency.Eur)).Amount);
}
