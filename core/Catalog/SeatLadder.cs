using System.Collections.Immutable;

namespace Billing.Core.Catalog;

/// <summary>
/// The seat counts on sale (U4): from <see cref="Minimum"/>, in steps that widen as the count grows
/// (by default 2-5 by one, then by 5 to 100, by 10 to 1,000 and by 50 to 100,000). There is no paid
/// plan below the minimum; above the last step is a sales matter.
/// </summary>
public sealed record SeatLadder
{
    public SeatLadder(int minimum, ImmutableArray<SeatLadderStep> steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        if (steps.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A seat ladder needs at least one step.", nameof(steps));
        }

        var from = minimum;
        foreach (var step in steps)
        {
            if (step.UpTo < from || step.Step < 1 || step.UpTo % step.Step != 0)
            {
                throw new ArgumentException($"Ladder step up to {step.UpTo} by {step.Step} does not follow {from}.", nameof(steps));
            }

            from = step.UpTo;
        }

        Minimum = minimum;
        Steps = steps;
    }

    public int Minimum { get; }

    public ImmutableArray<SeatLadderStep> Steps { get; }

    public int Maximum => Steps[^1].UpTo;

    public bool IsOffered(int seats)
    {
        if (seats < Minimum || seats > Maximum)
        {
            return false;
        }

        return seats % StepAt(seats).Step == 0 || seats == Minimum;
    }

    /// <summary>The smallest offered count of at least <paramref name="seats"/>, or null above the ladder.</summary>
    public SeatCount? SmallestOfferedAtLeast(int seats)
    {
        if (seats <= Minimum)
        {
            return SeatCount.Of(Minimum);
        }

        if (seats > Maximum)
        {
            return null;
        }

        var step = StepAt(seats).Step;
        var rounded = (seats + step - 1) / step * step;
        return SeatCount.Of(rounded);
    }

    /// <summary>The next rung above <paramref name="seats"/> (N3), or null at the top of the ladder.</summary>
    public SeatCount? NextAbove(SeatCount seats) => SmallestOfferedAtLeast(seats.Value + 1);

    /// <summary>Every offered count, lowest first: for the plans page.</summary>
    public IEnumerable<int> OfferedCounts()
    {
        for (SeatCount? seats = SeatCount.Of(Minimum); seats is { } current; seats = NextAbove(current))
        {
            yield return current.Value;
        }
    }

    // The step whose range (previous UpTo, UpTo] holds the count.
    private SeatLadderStep StepAt(int seats)
    {
        foreach (var step in Steps)
        {
            if (seats <= step.UpTo)
            {
                return step;
            }
        }

        return Steps[^1];
    }
}

/// <summary>One stretch of the ladder: counts up to <see cref="UpTo"/> are offered in multiples of <see cref="Step"/>.</summary>
public sealed record SeatLadderStep(int UpTo, int Step);
