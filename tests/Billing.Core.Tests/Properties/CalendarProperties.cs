using Billing.Core.Calendar;
using FsCheck;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Properties;

public class CalendarProperties
{
    [Property(MaxTest = 300)]
    [Trait("Rule", "M3")]
    public bool Periods_from_any_anchor_touch_never_overlap_and_keep_the_anchor_day_clamped_for_ten_years(
        PositiveInt yearSeed, PositiveInt monthSeed, PositiveInt daySeed, NonNegativeInt secondOfDay, bool annual)
    {
        var year = 2020 + (yearSeed.Get % 21);
        var month = 1 + (monthSeed.Get % 12);
        var day = 1 + (daySeed.Get % DateTime.DaysInMonth(year, month));
        var anchorAt = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).AddSeconds(secondOfDay.Get % 86_400);
        var cycle = annual ? BillingCycle.Annual : BillingCycle.Monthly;
        var anchor = new BillingAnchor(anchorAt);
        var count = annual ? 10 : 120;
        for (var i = 0; i < count; i++)
        {
            var period = anchor.Period(cycle, i);
            var next = anchor.Period(cycle, i + 1);
            var boundary = period.End;
            var expectedDay = Math.Min(day, DateTime.DaysInMonth(boundary.Year, boundary.Month));
            if (period.End != next.Start || period.End <= period.Start || boundary.Day != expectedDay || boundary.TimeOfDay != anchorAt.TimeOfDay)
            {
                return false;
            }

            var inside = period.Start + ((period.End - period.Start) / 2);
            if (anchor.PeriodIndexAt(cycle, inside) != i || anchor.PeriodIndexAt(cycle, period.Start) != i)
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [Trait("Rule", "M3")]
    [InlineData(2024, 1, 28)]
    [InlineData(2024, 1, 29)]
    [InlineData(2024, 1, 30)]
    [InlineData(2024, 1, 31)]
    [InlineData(2024, 2, 29)]
    [InlineData(2023, 3, 31)]
    public void Month_end_anchors_clamp_in_every_month_of_ten_years_and_come_back(int year, int month, int day)
    {
        var anchor = new BillingAnchor(new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 120; i++)
        {
            var end = anchor.Period(BillingCycle.Monthly, i).End;
            Assert.Equal(Math.Min(day, DateTime.DaysInMonth(end.Year, end.Month)), end.Day);
        }
    }
}
