using Billing.Core.Amounts;

namespace Billing.Core.Tests.MoneyAndRounding;

public class MoneyTests
{
    [Theory]
    [Trait("Rule", "M2")]
    [InlineData(5, 2, 3)]
    [InlineData(-5, 2, -3)]
    [InlineData(4, 3, 1)]
    [InlineData(-4, 3, -1)]
    [InlineData(7, 2, 4)]
    [InlineData(1, 3, 0)]
    [InlineData(0, 7, 0)]
    public void Rounding_is_half_away_from_zero(long dividend, long divisor, long expected) =>
        Assert.Equal(expected, Rounding.DivideHalfAwayFromZero(dividend, divisor));

    [Fact]
    [Trait("Rule", "M2")]
    public void Proration_of_large_amounts_is_exact_without_overflow()
    {
        var price = Money.Of(long.MaxValue / 4, Currency.Usd);
        var half = price.MultiplyByFraction(31_536_000, 63_072_000);
        Assert.Equal(Rounding.DivideHalfAwayFromZero(long.MaxValue / 4, 2), half.Amount);
    }

    [Fact]
    [Trait("Rule", "M1")]
    public void Money_is_an_integer_amount_of_minor_units_with_its_currency()
    {
        var price = Money.Of(1099, Currency.Usd);
        Assert.Equal(2198, (price * 2).Amount);
        Assert.Equal(10.99m, price.ToMajorUnits());
        Assert.Equal("10.99 USD", price.ToString());
        Assert.Equal(2, price.Currency.MinorUnitDigits);
        Assert.Equal(0, Currency.Parse("JPY").MinorUnitDigits);
    }

    [Fact]
    [Trait("Rule", "M1")]
    public void Amounts_of_different_currencies_never_mix()
    {
        var dollars = Money.Of(100, Currency.Usd);
        var euros = Money.Of(100, Currency.Eur);
        Assert.Throws<InvalidOperationException>(() => dollars + euros);
    }

    [Theory]
    [Trait("Rule", "M1")]
    [InlineData("usd")]
    [InlineData("XXX")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_currency_codes_are_refused(string? code) => Assert.False(Currency.TryParse(code, out _));

    [Theory]
    [InlineData(2100, 10_000, 2100)]
    [InlineData(2100, 1, 0)]
    [InlineData(2100, 3, 1)]
    [InlineData(810, 1099, 89)]
    public void Tax_is_the_rate_of_the_subtotal_rounded_once(int basisPoints, long subtotal, long expected) =>
        Assert.Equal(expected, new TaxRate(basisPoints).TaxOn(Money.Of(subtotal, Currency.Eur)).Amount);
}
