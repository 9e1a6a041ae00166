using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Core.Subscriptions;

/// <summary>
/// A change request sorted into what happens now and what waits for the renewal (C1, N1, N2). A
/// part the request names replaces what was scheduled for it (or withdraws it, when it asks for the
/// current value or for more); a part it does not name keeps what was scheduled.
/// </summary>
internal sealed record ChangePlan(Tier NewTier, BillingCycle NewCycle, SeatCount NewSeats, ScheduledChange? Scheduled, bool IsImmediate)
{
    public BillingCycle CycleAfterRenewal => Scheduled?.Cycle ?? NewCycle;

    public SeatCount SeatsAfterRenewal => Scheduled?.Seats ?? NewSeats;

    public static ChangePlan Of(Subscription current, Tier currentTier, Tier targetTier, ChangeCommand command)
    {
        var scheduled = current.ScheduledChange ?? new ScheduledChange(null, null, null);

        var tierUp = targetTier.IsHigherThan(currentTier);
        if (command.Tier is not null)
        {
            scheduled = scheduled with { Tier = currentTier.IsHigherThan(targetTier) ? targetTier.Id : null };
        }

        var cycleUp = command.Cycle == BillingCycle.Annual && current.Cycle == BillingCycle.Monthly;
        if (command.Cycle is { } cycle)
        {
            scheduled = scheduled with { Cycle = cycle == BillingCycle.Monthly && current.Cycle == BillingCycle.Annual ? cycle : null };
        }

        var seatsUp = command.Seats is { } more && more > current.Seats;
        if (command.Seats is { } seats)
        {
            scheduled = scheduled with { Seats = seats < current.Seats ? seats : null };
        }

        return new ChangePlan(
            tierUp ? targetTier : currentTier,
            cycleUp ? BillingCycle.Annual : current.Cycle,
            seatsUp ? command.Seats!.Value : current.Seats,
            scheduled.IsEmpty ? null : scheduled,
            tierUp || cycleUp || seatsUp);
    }
}
