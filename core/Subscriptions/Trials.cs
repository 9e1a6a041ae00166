using Billing.Core.Audit;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>U10: one free trial per space, of a tier on sale, no payment method needed.</summary>
public static class Trials
{
    public static Result<Decision> Start(SpaceBilling state, TierId tierId, SpaceSurroundings surroundings, Caller caller, DecisionContext context)
    {
        if (Access.RequireMember(state, caller) is { } notMember)
        {
            return notMember;
        }

        if (state.Plan is PaidPlan)
        {
            return Errors.AlreadySubscribed();
        }

        if (state.TrialUsed || state.Plan is TrialPlan)
        {
            return Errors.TrialAlreadyUsed();
        }

        if (OrganizationRules.CheckCanTakePlan(state.Space, surroundings) is { } coveredElsewhere)
        {
            return coveredElsewhere;
        }

        var tier = TierRules.FindOnSale(context.Catalog, tierId);
        if (!tier.IsSuccess)
        {
            return tier.Error;
        }

        var trial = new Trial(tierId, caller.User!.Value, context.Now, context.Now + context.Catalog.Policy.TrialLength, EndingNoticeSent: false);
        var next = state with { Plan = new TrialPlan(trial), TrialUsed = true };
        return new Decision(next, [], [AuditTrail.Record(state, caller, context, AuditAction.TrialStarted, null, trial)]);
    }

    /// <summary>
    /// Cancelling a trial ends it at once (C2); the space is back on Basic. Only the member who started
    /// it, or an admin of the space, may stop it (U10); other members get <c>forbidden</c>.
    /// </summary>
    public static Result<Decision> Cancel(SpaceBilling state, Caller caller, DecisionContext context)
    {
        if (Access.RequireMember(state, caller) is { } notMember)
        {
            return notMember;
        }

        if (state.Plan is not TrialPlan { Trial: var trial })
        {
            return Errors.NotSubscribed();
        }

        if (!MayStop(state, trial, caller.User!.Value))
        {
            return Errors.Forbidden("Only the member who started the trial, or an admin of the space, may stop it (U10).");
        }

        return End(state, trial, caller, context, effects: []);
    }

    /// <summary>U10: who may stop a trial: the member who started it, or an admin of the space.</summary>
    public static bool MayStop(SpaceBilling state, Trial trial, UserId user) =>
        trial.StartedBy == user || state.Members.GetValueOrDefault(user)?.Role == MemberRole.Admin;

    internal static Decision End(SpaceBilling state, Trial trial, Caller caller, DecisionContext context, System.Collections.Immutable.ImmutableArray<Effects.Effect> effects) =>
        new(state with { Plan = BasicPlan.Instance }, effects, [AuditTrail.Record(state, caller, context, AuditAction.TrialEnded, trial, null)]);
}
