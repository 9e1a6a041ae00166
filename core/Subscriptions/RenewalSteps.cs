using Billing.Core.Effects;

namespace Billing.Core.Subscriptions;

/// <summary>Reads a step of <see cref="Renewals.Advance"/> by what it changed, for the run's summary.</summary>
public static class RenewalSteps
{
    public static RenewalStep Of(SpaceBilling before, Decision step) => (before.Plan, step.State.Plan) switch
    {
        (TrialPlan, not TrialPlan) => RenewalStep.Canceled,
        (PaidPlan, BasicPlan) when step.State.PastSubscriptions.LastOrDefault() is { Reason: EndReason.Cancelled } => RenewalStep.Canceled,
        (PaidPlan { Subscription: var was }, PaidPlan { Subscription: var now }) when now.Id == was.Id && now.RenewsAt > was.RenewsAt => RenewalStep.Renewed,
        _ when step.Effects.OfType<ChargeLater>().Any(c => c.Charge.Attempt > 1) => RenewalStep.Retried,
        _ => RenewalStep.Other,
    };
}
