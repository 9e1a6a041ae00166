using Billing.Core.Calendar;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;

namespace Billing.Functions.Views;

/// <summary>The billing tab (API.md). Seat usage and the payment method are for the billing owner's eyes only (B1); Basic says so (B5).</summary>
public sealed record BillingView(
    string SpaceId,
    string Plan,
    string Status,
    string? Cycle = null,
    int? Seats = null,
    SeatUsageView? SeatUsage = null,
    DateTimeOffset? RenewsAt = null,
    DateTimeOffset? CancelAt = null,
    ScheduledChangeView? ScheduledChange = null,
    DateTimeOffset? TrialEndsAt = null,
    PersonView? BillingOwner = null,
    PaymentMethodView? PaymentMethod = null,
    string? Message = null)
{
    public static BillingView Of(SpaceBilling state, Caller caller)
    {
        var id = state.Space.Id.Value;
        switch (state.Plan)
        {
            case TrialPlan { Trial: var trial }:
                return new BillingView(id, trial.Tier.Value, "trialing", TrialEndsAt: trial.EndsAt, Seats: null);
            case PaidPlan { Subscription: var subscription }:
                var isOwner = state.IsBillingOwner(caller.User);
                var owner = state.Members.GetValueOrDefault(subscription.BillingOwner);
                return new BillingView(
                    id,
                    subscription.Tier.Value,
                    subscription.Status.ToApiName(),
                    subscription.Cycle.ToApiName(),
                    subscription.Seats.Value,
                    isOwner ? new SeatUsageView(state.MembersThatCount, subscription.Seats.Value) : null,
                    subscription.CancelAtPeriodEnd ? null : subscription.RenewsAt,
                    subscription.CancelAtPeriodEnd ? subscription.RenewsAt : null,
                    subscription.ScheduledChange is { } change ? ScheduledChangeView.Of(change, subscription.RenewsAt) : null,
                    BillingOwner: new PersonView(subscription.BillingOwner.Value, owner?.Name, owner?.Email),
                    PaymentMethod: isOwner ? PaymentMethodView.Of(subscription.PaymentMethod) : null);
            default:
                return new BillingView(id, "basic", "basic", Message: "This space is on the free Basic plan: there is no billing to show.");
        }
    }
}

public sealed record SeatUsageView(int Used, int Seats);

public sealed record PersonView(string UserId, string? Name, string? Email);

public sealed record ScheduledChangeView(string? Tier, string? Cycle, int? Seats, DateTimeOffset EffectiveAt)
{
    public static ScheduledChangeView Of(ScheduledChange change, DateTimeOffset at) =>
        new(change.Tier?.Value, change.Cycle?.ToApiName(), change.Seats?.Value, at);
}
