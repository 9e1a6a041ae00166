using Billing.Core.Calendar;

namespace Billing.Core.Tests.Calendar;

public class BillingAnchorTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Rule", "M3")]
    public void A_period_anchored_on_the_31st_is_clamped_in_short_months_and_returns_to_the_31st()
    {
        var anchor = new BillingAnchor(Utc(2026, 1, 31, 9));
        var ends = Enumerable.Range(0, 4).Select(i => anchor.Period(BillingCycle.Monthly, i).End).ToArray();
        Assert.Equal([Utc(2026, 2, 28, 9), Utc(2026, 3, 31, 9), Utc(2026, 4, 30, 9), Utc(2026, 5, 31, 9)], ends);
    }

    [Fact]
    [Trait("Rule", "M3")]
    public void February_has_29_days_in_leap_years()
    {
        var anchor = new BillingAnchor(Utc(2028, 1, 30));
        Assert.Equal(Utc(2028, 2, 29), anchor.Period(BillingCycle.Monthly, 0).End);
        Assert.Equal(Utc(2028, 3, 30), anchor.Period(BillingCycle.Monthly, 1).End);
    }

    [Fact]
    [Trait("Rule", "M3")]
    public void An_annual_period_from_february_29_ends_on_february_28_then_returns_to_the_29th_in_the_next_leap_year()
    {
        var anchor = new BillingAnchor(Utc(2028, 2, 29));
        Assert.Equal(Utc(2029, 2, 28), anchor.Period(BillingCycle.Annual, 0).End);
        Assert.Equal(Utc(2032, 2, 29), anchor.Period(BillingCycle.Annual, 3).End);
    }

    [Fact]
    [Trait("Rule", "M3")]
    public void Consecutive_periods_touch_without_overlap()
    {
        var anchor = new BillingAnchor(Utc(2026, 8, 31, 23));
        for (var i = 0; i < 24; i++)
        {
            Assert.Equal(anchor.Period(BillingCycle.Monthly, i).End, anchor.Period(BillingCycle.Monthly, i + 1).Start);
        }
    }

    [Theory]
    [Trait("Rule", "M3")]
    [InlineData(2026, 1, 31, 0)]
    [InlineData(2026, 2, 27, 0)]
    [InlineData(2026, 2, 28, 1)]
    [InlineData(2026, 3, 30, 1)]
    [InlineData(2026, 3, 31, 2)]
    [InlineData(2025, 12, 1, 0)]
    public void The_period_index_is_the_period_that_contains_the_instant(int y, int m, int d, int expected)
    {
        var anchor = new BillingAnchor(Utc(2026, 1, 31));
        Assert.Equal(expected, anchor.PeriodIndexAt(BillingCycle.Monthly, Utc(y, m, d, 1)));
    }

    [Fact]
    [Trait("Rule", "M3")]
    public void Times_that_are_not_utc_are_refused() =>
        Assert.Throws<ArgumentException>(() => new BillingAnchor(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1))));

    [Fact]
    [Trait("Rule", "M2")]
    public void The_share_left_is_counted_in_whole_seconds_and_is_zero_after_the_end()
    {
        var period = new BillingPeriod(Utc(2026, 1, 1), Utc(2026, 1, 31));
        Assert.Equal((15L * 86_400, 30L * 86_400), period.ShareLeftAt(Utc(2026, 1, 16)));
        Assert.Equal((0L, 30L * 86_400), period.ShareLeftAt(Utc(2026, 2, 2)));
        Assert.Equal((30L * 86_400, 30L * 86_400), period.ShareLeftAt(Utc(2025, 12, 2)));
    }
}
