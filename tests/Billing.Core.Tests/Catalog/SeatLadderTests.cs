using Billing.Core.Catalog;

namespace Billing.Core.Tests.Catalog;

public class SeatLadderTests
{
    private static readonly SeatLadder Ladder = PriceCatalog.Default.Ladder;

    [Theory]
    [Trait("Rule", "U4")]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(110)]
    [InlineData(1000)]
    [InlineData(1050)]
    [InlineData(100_000)]
    public void Counts_on_the_default_ladder_are_offered(int seats) => Assert.True(Ladder.IsOffered(seats));

    [Theory]
    [Trait("Rule", "U4")]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(99)]
    [InlineData(105)]
    [InlineData(1010)]
    [InlineData(100_050)]
    public void Counts_off_the_ladder_are_not_offered(int seats) => Assert.False(Ladder.IsOffered(seats));

    [Theory]
    [Trait("Rule", "U4")]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(6, 10)]
    [InlineData(101, 110)]
    [InlineData(1001, 1050)]
    public void The_smallest_offered_count_covers_the_members(int members, int expected) =>
        Assert.Equal(expected, Ladder.SmallestOfferedAtLeast(members)!.Value.Value);

    [Fact]
    [Trait("Rule", "U4")]
    public void There_is_no_paid_plan_for_one_seat_and_more_than_the_top_is_a_sales_matter()
    {
        Assert.Equal(2, Ladder.OfferedCounts().First());
        Assert.Null(Ladder.SmallestOfferedAtLeast(100_001));
        Assert.Null(Ladder.NextAbove(SeatCount.Of(100_000)));
    }

    [Fact]
    [Trait("Rule", "U4")]
    public void The_default_ladder_has_the_documented_rungs() =>
        Assert.Equal(4 + 19 + 90 + 1980, Ladder.OfferedCounts().Count());
}
