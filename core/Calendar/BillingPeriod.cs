namespace Billing.Core.Calendar;

/// <summary>
/// A half-open span of time [<see cref="Start"/>, <see cref="End"/>) that one invoice pays for.
/// Both ends are UTC; the end of one period is the start of the next.
/// </summary>
public sealed record BillingPeriod
{
    public BillingPeriod(DateTimeOffset start, DateTimeOffset end)
    {
        if (start.Offset != TimeSpan.Zero || end.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("Billing periods are in UTC (M3).");
        }

        if (end <= start)
        {
            throw new ArgumentException($"A period must end after it starts ({start:O} .. {end:O}).");
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Length => End - Start;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>
    /// The share of the period left at <paramref name="instant"/>, as whole seconds over whole
    /// seconds; 0 after the end, the whole period before the start. Seconds are exact enough for
    /// money: a year has 31.6 million of them.
    /// </summary>
    public (long RemainingSeconds, long TotalSeconds) ShareLeftAt(DateTimeOffset instant)
    {
        var total = (long)Length.TotalSeconds;
        var from = instant < Start ? Start : instant > End ? End : instant;
        var remaining = (long)(End - from).TotalSeconds;
        return (remaining, total);
    }
}
