namespace Billing.Core.Calendar;

/// <summary>
/// The instant a subscription's schedule started. Every period is counted from it, so periods keep
/// the anchor's day of the month, clamped to the end of shorter months (M3): an anchor on Jan 31
/// gives Feb 28 (29 in leap years), then Mar 31, Apr 30, ... never drifting to the 28th.
/// </summary>
public sealed record BillingAnchor
{
    public BillingAnchor(DateTimeOffset instant)
    {
        if (instant.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("The anchor is in UTC (M3).", nameof(instant));
        }

        // Whole seconds, so that proration shares are exact integers.
        Instant = new DateTimeOffset(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    public DateTimeOffset Instant { get; }

    /// <summary>The period with the given index (0 is the first) of a schedule with this anchor.</summary>
    public BillingPeriod Period(BillingCycle cycle, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new BillingPeriod(Boundary(cycle, index), Boundary(cycle, index + 1));
    }

    /// <summary>The index of the period that contains <paramref name="instant"/> (0 before the anchor).</summary>
    public int PeriodIndexAt(BillingCycle cycle, DateTimeOffset instant)
    {
        if (instant < Instant)
        {
            return 0;
        }

        var months = ((instant.Year - Instant.Year) * 12) + instant.Month - Instant.Month;
        var index = Math.Max(0, months / cycle.Months());
        while (Boundary(cycle, index) > instant)
        {
            index--;
        }

        while (Boundary(cycle, index + 1) <= instant)
        {
            index++;
        }

        return index;
    }

    // DateTimeOffset.AddMonths clamps the day to the target month's length, and counting from the
    // anchor rather than from the previous boundary is what keeps the day from drifting.
    private DateTimeOffset Boundary(BillingCycle cycle, int index) => Instant.AddMonths(checked(index * cycle.Months()));
}
