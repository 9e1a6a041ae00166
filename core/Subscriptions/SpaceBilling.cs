using System.Collections.Immutable;
using Billing.Core.Common;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// Everything billing knows of one space, decided on as a whole: the space, its members, its plan,
/// whether its one trial was used (U10), how many subscriptions it has had (for their ids) and the
/// ones that ended, kept for good (C3).
/// Storage keeps it in one partition, so one decision is one atomic write.
/// </summary>
public sealed record SpaceBilling(
    Space Space,
    ImmutableDictionary<UserId, Member> Members,
    SpacePlan Plan,
    bool TrialUsed,
    int SubscriptionCount,
    ImmutableArray<EndedSubscription> PastSubscriptions)
{
    public static SpaceBilling New(Space space) =>
        new(space, ImmutableDictionary<UserId, Member>.Empty, BasicPlan.Instance, TrialUsed: false, SubscriptionCount: 0, PastSubscriptions: []);

    public Subscription? Subscription => (Plan as PaidPlan)?.Subscription;

    public Trial? Trial => (Plan as TrialPlan)?.Trial;

    public SubscriptionStatus Status => Plan switch
    {
        PaidPlan paid => paid.Subscription.Status,
        TrialPlan => SubscriptionStatus.Trialing,
        _ => SubscriptionStatus.Basic,
    };

    /// <summary>
    /// The members that count for the seats of a period starting at <paramref name="periodStart"/> (U3):
    /// every member of a workspace or an organization, a team's own members for a team; for a division, its
    /// members but those a team plan still pays for then (S4). The directory keeps each space's own member list.
    /// </summary>
    public int MembersThatCount(DateTimeOffset periodStart) =>
        Members.Values.Count(m => m.PaidByTeamUntil is not { } paidUntil || paidUntil <= periodStart);

    /// <summary>The members that count for the subscription's current period (see <see cref="MembersThatCount(DateTimeOffset)"/>).</summary>
    public int MembersCountedIn(Subscription subscription) => MembersThatCount(subscription.CurrentPeriod.Start);

    public bool IsMember(UserId user) => Members.ContainsKey(user);

    public bool IsBillingOwner(UserId? user) => user is { } u && Subscription?.BillingOwner == u;
}
