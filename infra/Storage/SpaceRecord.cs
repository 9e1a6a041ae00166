using System.Collections.Immutable;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Storage;

/// <summary>The space row's JSON: the state of a space but its members, which have rows of their own.</summary>
internal sealed record SpaceRecord(Space Space, SpacePlan Plan, bool TrialUsed, int SubscriptionCount, ImmutableArray<EndedSubscription> PastSubscriptions)
{
    public static SpaceRecord Of(SpaceBilling state) => new(state.Space, state.Plan, state.TrialUsed, state.SubscriptionCount, state.PastSubscriptions);

    public SpaceBilling WithMembers(ImmutableDictionary<Billing.Core.Common.UserId, Member> members) =>
        new(Space, members, Plan, TrialUsed, SubscriptionCount, PastSubscriptions.IsDefault ? [] : PastSubscriptions);
}
