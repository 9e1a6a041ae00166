using System.Collections.Immutable;
using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// S4: a team moves into or out of a division, and who pays for it changes from the next renewal, never
/// twice for one period. A team that joins a division on a plan (or in an organization on one) keeps the
/// period it paid for, and its plan does not renew: the division counts its members from its first period
/// starting after that (<see cref="Member.PaidByTeamUntil"/>). A trial ends at once, as nothing was paid.
/// A team that leaves a paid division is on its own from then; the division's seats stay bought until
/// its billing owner lowers them for the next renewal (N2).
/// </summary>
public static class DivisionMoves
{
    /// <summary>The decision for the team that now sits under a paid plan, or null when it has none of its own to end.</summary>
    public static Decision? EndOwnPlanUnderPaidDivision(SpaceBilling state, Caller caller, DecisionContext context) => state.Plan switch
    {
        PaidPlan { Subscription: { CancelAtPeriodEnd: false } subscription } => new Decision(
            state with { Plan = new PaidPlan(subscription with { CancelAtPeriodEnd = true }) },
            [Notices.ToBillingOwner(state, subscription, EmailKind.PlanCoveredByDivision, null)],
            [AuditTrail.Record(state, caller, context, AuditAction.CancellationScheduled, subscription, subscription with { CancelAtPeriodEnd = true })]),
        TrialPlan { Trial: var trial } => Trials.End(
            state,
            trial,
            caller,
            context,
            Notices.ToTrialStarter(state, trial, EmailKind.TrialEnded) is { } notice ? [notice] : ImmutableArray<Effect>.Empty),
        _ => null,
    };

    /// <summary>
    /// The end of the period a plan of the member's own team pays for, among the division's teams that have one
    /// (read by the caller from their partitions): the division counts the member from then.
    /// </summary>
    public static DateTimeOffset? PaidByTeamUntil(UserId member, IEnumerable<SpaceBilling> teamsOfDivision) =>
        teamsOfDivision
            .Where(t => t.Subscription is not null && t.IsMember(member))
            .Select(t => (DateTimeOffset?)t.Subscription!.RenewsAt)
            .Max();
}
