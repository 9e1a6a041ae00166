using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Payments;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// The billing tab as a caller may see it: the plan as it stands for every member; how many seats
/// are used and the payment method for the billing owner's eyes only (B1); a space on Basic has no
/// plan data to show (B5). Who may read the tab at all is <see cref="Access.RequireMember"/>'s call;
/// the wording and JSON are the function app's.
/// </summary>
public sealed record BillingOverview(SpaceId Space, SubscriptionStatus Status)
{
    public TierId? Tier { get; init; }

    public BillingCycle? Cycle { get; init; }

    public SeatCount? Seats { get; init; }

    /// <summary>The members that count against the seats (U3); for the billing owner only.</summary>
    public int? SeatsUsed { get; init; }

    /// <summary>When the plan renews; null when it is cancelled and ends instead (<see cref="EndsAt"/>, C2).</summary>
    public DateTimeOffset? RenewsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>What changes at the renewal (C1, N2), which is when it takes effect.</summary>
    public ScheduledChange? ScheduledChange { get; init; }

    public DateTimeOffset? ScheduledChangeAt { get; init; }

    public DateTimeOffset? TrialEndsAt { get; init; }

    public UserId? BillingOwner { get; init; }

    /// <summary>The billing owner as the directory knows them (name, email), when they are still a member.</summary>
    public Member? BillingOwnerMember { get; init; }

    /// <summary>For the billing owner only.</summary>
    public PaymentMethod? PaymentMethod { get; init; }

    public static BillingOverview For(SpaceBilling state, Caller caller) => state.Plan switch
    {
        TrialPlan { Trial: var trial } => new(state.Space.Id, SubscriptionStatus.Trialing) { Tier = trial.Tier, TrialEndsAt = trial.EndsAt },
        PaidPlan { Subscription: var subscription } => OfSubscription(state, subscription, state.IsBillingOwner(caller.User)),
        _ => new(state.Space.Id, SubscriptionStatus.Basic),
    };

    private static BillingOverview OfSubscription(SpaceBilling state, Subscription subscription, bool forOwner) =>
        new(state.Space.Id, subscription.Status)
        {
            Tier = subscription.Tier,
            Cycle = subscription.Cycle,
            Seats = subscription.Seats,
            SeatsUsed = forOwner ? state.MembersCountedIn(subscription) : null,
            RenewsAt = subscription.CancelAtPeriodEnd ? null : subscription.RenewsAt,
            EndsAt = subscription.CancelAtPeriodEnd ? subscription.RenewsAt : null,
            ScheduledChange = subscription.ScheduledChange,
            ScheduledChangeAt = subscription.ScheduledChange is null ? null : subscription.RenewsAt,
            BillingOwner = subscription.BillingOwner,
            BillingOwnerMember = state.Members.GetValueOrDefault(subscription.BillingOwner),
            PaymentMethod = forOwner ? subscription.PaymentMethod : null,
        };
}
