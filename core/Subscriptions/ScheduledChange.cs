using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Core.Subscriptions;

/// <summary>
/// A change that waits for the renewal (C1, N2): a lower tier, annual to monthly, fewer seats. Each
/// part is optional; an empty change is no change and is never kept.
/// </summary>
public sealed record ScheduledChange(TierId? Tier, BillingCycle? Cycle, SeatCount? Seats)
{
    public bool IsEmpty => Tier is null && Cycle is null && Seats is null;
}
