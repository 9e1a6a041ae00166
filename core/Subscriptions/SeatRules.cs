using Billing.Core.Catalog;
using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>Seats are a rung of the ladder (U4) and never fewer than the members that count (U3, N2).</summary>
internal static class SeatRules
{
    public static DomainError? Check(SeatLadder ladder, SeatCount seats, int membersThatCount)
    {
        if (!ladder.IsOffered(seats.Value))
        {
            return Errors.SeatCountNotOffered(seats.Value);
        }

        return seats.Value < membersThatCount ? Errors.SeatsBelowMembers(seats.Value, membersThatCount) : null;
    }

    /// <summary>The fewest seats on the ladder that cover <paramref name="members"/>; null beyond the ladder (a sales matter).</summary>
    public static SeatCount? FewestCovering(SeatLadder ladder, int members) => ladder.SmallestOfferedAtLeast(Math.Max(members, 1));
}
