using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Core.Subscriptions;

/// <summary>
/// A change of tier, cycle or seats (C1, N1, N2); each part is optional. A part equal to the current
/// value withdraws what was scheduled for it.
/// </summary>
public sealed record ChangeCommand(TierId? Tier, BillingCycle? Cycle, SeatCount? Seats)
{
    public bool IsEmpty => Tier is null && Cycle is null && Seats is null;
}
