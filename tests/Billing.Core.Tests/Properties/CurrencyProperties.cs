using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Invoicing;
using Billing.Core.Tax;
using FsCheck;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Properties;

/// <summary>M4: every amount, proration and rounding in the currency's own minor unit, for currencies with 2 decimals and without (yen).</summary>
public class CurrencyProperties
{
    private static readonly Currency[] Currencies = [Currency.Usd, Currency.Eur, Currency.Parse("GBP"), Currency.Parse("JPY")];

    private static readonly BillingPeriod Month = new(new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero));

    [Property(MaxTest = 400)]
    [Trait("Rule", "M4")]
    public bool A_prorated_line_is_the_exact_share_rounded_once_to_the_currencys_minor_unit(NonNegativeInt secondsIn, PositiveInt seats, NonNegativeInt currencyIndex, bool annual)
    {
        var currency = Currencies[currencyIndex.Get % Currencies.Length];
        var tier = PriceCatalog.Default.FindTier(TierId.Parse("advanced"))!;
        var cycle = annual ? BillingCycle.Annual : BillingCycle.Monthly;
        var from = Month.Start.AddSeconds(secondsIn.Get % (long)Month.Length.TotalSeconds);
        var seatCount = seats.Get % 1000 + 1;
        var line = Proration.RestOfPeriod(tier, cycle, seatCount, currency, Month, from);
        var credit = Proration.CreditRestOfPeriod(tier, cycle, seatCount, currency, Month, from);
        var (remaining, total) = Month.ShareLeftAt(from);
        var exact = (decimal)tier.SeatPrice(cycle, currency).Amount * seatCount * remaining / total;
        return line is not null && credit is not null
            && line.Amount.Currency == currency
            && Math.Abs(line.Amount.Amount - exact) <= 0.5m
            && credit.Amount == -line.Amount;
    }

    [Property(MaxTest = 400)]
    [Trait("Rule", "M4")]
    public bool Tax_is_rounded_half_away_from_zero_to_the_currencys_minor_unit(int subtotal, NonNegativeInt basisPoints, NonNegativeInt currencyIndex)
    {
        var currency = Currencies[currencyIndex.Get % Currencies.Length];
        var rate = new TaxRate(basisPoints.Get % 10_001);
        var tax = new TaxTreatment(rate, TaxReason.HomeCountry, null).TaxOn(Money.Of(subtotal, currency));
        var exact = (decimal)subtotal * rate.BasisPoints / 10_000;
        return tax.Currency == currency && tax.Amount == (long)Math.Round(exact, MidpointRounding.AwayFromZero);
    }

    [Property(MaxTest = 200)]
    [Trait("Rule", "M4")]
    public bool Major_units_have_as_many_decimals_as_the_currency(int amount, NonNegativeInt currencyIndex)
    {
        var currency = Currencies[currencyIndex.Get % Currencies.Length];
        var major = Money.Of(amount, currency).ToMajorUnits();
        return major * (currency.MinorUnitDigits == 0 ? 1 : 100) == amount && (currency.Code != "JPY" || major == decimal.Truncate(major));
    }

    [Fact]
    [Trait("Rule", "M4")]
    public void The_default_catalog_prices_every_tier_in_usd_eur_gbp_and_jpy()
    {
        Assert.All(PriceCatalog.Default.Tiers, t => Assert.All(Currencies, c => Assert.True(t.IsPricedIn(c), $"{t.Id} {c}")));
        Assert.Equal(0, Currency.Parse("JPY").MinorUnitDigits);
    }
}
