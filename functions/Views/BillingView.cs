using Billing.Core.Calendar;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;

namespace Billing.Functions.Views;

/// <summary>The billing tab (API.md) in JSON: what core's <see cref="BillingOverview"/> lets the caller see (B1, B5).</summary>
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
        var overview = BillingOverview.For(state, caller);
        var id = overview.Space.Value;
        return overview.Status switch
        {
            SubscriptionStatus.Basic => new BillingView(id, "basic", "basic", Message: "This space is on the free Basic plan: there is no billing to show."),
            SubscriptionStatus.Trialing => new BillingView(id, overview.Tier!.Value.Value, overview.Status.ToApiName(), TrialEndsAt: overview.TrialEndsAt),
            _ => new BillingView(
                id,
                overview.Tier!.Value.Value,
                overview.Status.ToApiName(),
                overview.Cycle?.ToApiName(),
                overview.Seats?.Value,
                overview.SeatsUsed is { } used ? new SeatUsageView(used, overview.Seats!.Value.Value) : null,
                overview.RenewsAt,
                overview.EndsAt,
                overview.ScheduledChange is { } change ? ScheduledChangeView.Of(change, overview.ScheduledChangeAt!.Value) : null,
                BillingOwner: new PersonView(overview.BillingOwner!.Value.Value, overview.BillingOwnerMember?.Name, overview.BillingOwnerMember?.Email),
                PaymentMethod: overview.PaymentMethod is { } method ? PaymentMethodView.Of(method) : null),
        };
    }
}

public sealed record SeatUsageView(int Used, int Seats);

public sealed record PersonView(string UserId, string? Name, string? Email);

public sealed record ScheduledChangeView(string? Tier, string? Cycle, int? Seats, DateTimeOffset EffectiveAt)
{
    public static ScheduledChangeView Of(ScheduledChange change, DateTimeOffset at) =>
        new(change.Tier?.Value, change.Cycle?.ToApiName(), change.Seats?.Value, at);
}
