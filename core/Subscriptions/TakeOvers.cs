using System.Collections.Immutable;
using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// U11: an organization (or a division) whose teams have plans is upgraded by taking those plans over.
/// The upgrade's own decision checks who may and queues one <see cref="TakeOverPlan"/> per team in its
/// outbox; each is then carried out on the team by <see cref="End"/>: the plan ends at once, the unused
/// part of its paid period goes back with a credit note (V5), and its billing owner is emailed.
/// </summary>
public static class TakeOvers
{
    /// <summary>The caller must be the billing owner of every plan taken over (for a trial, the member who started it), or sales.</summary>
    public static bool MayTakeOver(ImmutableArray<PaidSpace> plans, Caller caller) =>
        caller.Has(ServiceRoles.Sales) || (caller.User is { } user && plans.All(p => p.BillingOwner == user));

    /// <summary>The effects that take over <paramref name="plans"/> once the upgrade of <paramref name="by"/> is stored.</summary>
    internal static IEnumerable<Effect> Queue(ImmutableArray<PaidSpace> plans, SpaceId by, DateTimeOffset at) =>
        plans.Select(p => new TakeOverPlan(p.Space, by, at));

    /// <summary>
    /// Ends the team's plan as <paramref name="takeOver"/> says. A paid period is credited from the moment
    /// of the take-over to its end, and refunded to the payment it came from; a period not paid yet (past
    /// due) is not refunded; a trial simply ends. A team with no plan left is unchanged, so that
    /// carrying the effect out again changes nothing.
    /// </summary>
    public static Result<Decision> End(SpaceBilling state, TakeOverPlan takeOver, Caller caller, DecisionContext context)
    {
        switch (state.Plan)
        {
            case TrialPlan { Trial: var trial }:
                var notice = Notices.ToTrialStarter(state, trial, EmailKind.PlanTakenOver);
                return Trials.End(state, trial, caller, context, notice is null ? [] : [notice]);

            case PaidPlan { Subscription: var subscription }:
                var ended = new EndedSubscription(subscription with { Dunning = null }, context.Now, EndReason.TakenOver);
                var next = state with { Plan = BasicPlan.Instance, PastSubscriptions = state.PastSubscriptions.Add(ended) };
                var audit = ImmutableArray.CreateBuilder<AuditRecord>(2);
                audit.Add(AuditTrail.Record(state, caller, context, AuditAction.SubscriptionEnded, subscription, ended));
                if (CreditNotes.ForUnusedPart(state, subscription, takeOver.At, context) is not { } creditNote)
                {
                    return new Decision(next, [Notices.ToBillingOwner(state, subscription, EmailKind.PlanTakenOver, null)], audit.DrainToImmutable());
                }

                audit.Add(AuditTrail.Record(state, caller, context, AuditAction.InvoiceRefunded, creditNote.Credits!.Value.Value, creditNote));
                return new Decision(
                    next,
                    [.. CreditNotes.IssueAndRefund(state, subscription, creditNote), Notices.ToBillingOwner(state, subscription, EmailKind.PlanTakenOver, creditNote.Id)],
                    audit.DrainToImmutable());

            default:
                return Decision.Unchanged(state);
        }
    }
}
