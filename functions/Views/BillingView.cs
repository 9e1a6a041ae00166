using System.Text.Json;
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
    /// <summary>Who is asking, in which language, and what they may do here (core's <see cref="BillingActions"/>): the web page offers these actions and no other.</summary>
    public CallerView? Caller { get; init; }

    /// <summary>The members a billing owner can be chosen from (U9, B3), for callers who may choose one.</summary>
    public IReadOnlyList<PersonView>? Members { get; init; }

    /// <summary>The space's name, for the page's heading.</summary>
    public string? SpaceName { get; init; }

    public static BillingView Of(SpaceBilling state, Caller caller)
    {
        var actions = BillingActions.For(state, caller);
        var member = caller.User is { } user ? state.Members.GetValueOrDefault(user) : null;
        var choosesOwner = actions.Contains(BillingAction.Upgrade) || actions.Contains(BillingAction.TransferOwnership);
        return PlanOf(state, caller) with
        {
            SpaceName = state.Space.Name,
            Caller = new CallerView(
                caller.User?.Value,
                member?.Role.ToString().ToLowerInvariant(),
                member?.Locale?.Tag ?? state.Space.Locale?.Tag,
                actions.Select(a => JsonNamingPolicy.CamelCase.ConvertName(a.ToString())).ToList())
            {
                SalesActions = SalesActions.ForPlan(state, caller).Select(a => JsonNamingPolicy.CamelCase.ConvertName(a.ToString())).ToList(),
            },
            Members = choosesOwner
                ? state.Members.Values.OrderBy(m => m.Name ?? m.UserId.Value, StringComparer.Ordinal).Select(m => new PersonView(m.UserId.Value, m.Name, null)).ToList()
                : null,
        };
    }

    private static BillingView PlanOf(SpaceBilling state, Caller caller)
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

/// <summary>The caller of the billing view: their member role and locale (V4) and the actions open to them, in camelCase (<c>upgrade</c>, <c>changePlan</c>...).</summary>
public sealed record CallerView(string? UserId, string? Role, string? Locale, IReadOnlyList<string> Actions)
{
    /// <summary>What sales may do with the plan from the back office (core's <see cref="Billing.Core.Subscriptions.SalesActions"/>); empty for anyone else.</summary>
    public IReadOnlyList<string> SalesActions { get; init; } = [];
}

public sealed record SeatUsageView(int Used, int Seats);

public sealed record PersonView(string UserId, string? Name, string? Email);

public sealed record ScheduledChangeView(string? Tier, string? Cycle, int? Seats, DateTimeOffset EffectiveAt)
{
    public static ScheduledChangeView Of(ScheduledChange change, DateTimeOffset at) =>
        new(change.Tier?.Value, change.Cycle?.ToApiName(), change.Seats?.Value, at);
}
