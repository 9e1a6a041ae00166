using Billing.Core.Catalog;
using FsCheck;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Properties;

public class SeatLadderProperties
{
    private static readonly SeatLadder Ladder = PriceCatalog.Default.Ladder;
    private static readonly HashSet<int> Offered = [.. Ladder.OfferedCounts()];

    [Property(MaxTest = 1000)]
    [Trait("Rule", "U4")]
    public bool A_count_is_offered_exactly_when_it_is_a_rung_of_the_ladder(PositiveInt seats) =>
        Ladder.IsOffered(seats.Get % 120_000) == Offered.Contains(seats.Get % 120_000);

    [Property(MaxTest = 1000)]
    [Trait("Rule", "U4")]
    public bool The_smallest_offered_count_is_the_next_rung_at_or_above(PositiveInt seed)
    {
        var seats = seed.Get % 100_001;
        var rung = Ladder.SmallestOfferedAtLeast(seats)!.Value.Value;
        return Offered.Contains(rung) && rung >= seats && !Offered.Any(o => o >= seats && o < rung);
    }
}
