using Billing.Core.Amounts;
using Billing.Core.Catalog;
using Billing.Core.Common;

namespace Billing.Core.Tests.Common;

/// <summary>Core's values have no usable invalid default: only their checking factories make one.</summary>
public class ValueTests
{
    [Fact]
    public void A_default_id_is_no_id_and_cannot_be_read()
    {
        Assert.Throws<InvalidOperationException>(() => default(SpaceId).Value);
        Assert.Throws<InvalidOperationException>(() => default(UserId).ToString());
        Assert.Throws<InvalidOperationException>(() => default(SubscriptionId).Value);
        Assert.Throws<InvalidOperationException>(() => default(InvoiceId).Value);
        Assert.Throws<InvalidOperationException>(() => default(TierId).Value);
        Assert.Equal("space-1", SpaceId.Parse("space-1").Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData(null)]
    public void An_id_that_does_not_parse_leaves_nothing_usable_behind(string? text)
    {
        Assert.False(SpaceId.TryParse(text, out var id));
        Assert.Throws<InvalidOperationException>(() => id.Value);
    }

    [Theory]
    [Trait("Rule", "U4")]
    [InlineData(0)]
    [InlineData(-3)]
    public void There_is_no_seat_count_below_one(int seats)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeatCount.Of(seats));
        Assert.Throws<InvalidOperationException>(() => default(SeatCount).Value);
        Assert.Equal(1, SeatCount.Of(1).Value);
    }

    [Fact]
    [Trait("Rule", "M1")]
    public void Money_always_has_a_currency()
    {
        Assert.Throws<ArgumentException>(() => Money.Of(100, default));
        Assert.Throws<InvalidOperationException>(() => default(Money).Currency);
        Assert.Throws<InvalidOperationException>(() => default(Money) + Money.Of(1, Currency.Usd));
        Assert.Throws<InvalidOperationException>(() => default(Currency).Code);
        Assert.Equal(Money.Of(0, Currency.Eur), Money.Zero(Currency.Eur));
    }
}
