using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>C2: cancelling keeps the plan until the renewal date, and can be undone until then.</summary>
public static class Cancellations
{
    public static Result<Decision> Cancel(SpaceBilling state, Caller caller, DecisionContext context)
    {
        if (state.Plan is TrialPlan)
        {
            return Trials.Cancel(state, caller, context);
        }

        if (Access.RequireBillingOwner(state, caller, ServiceRoles.Sales) is { } denied)
        {
            return denied;
        }

        var subscription = state.Subscription!;
        if (Access.RequireSalesForInvoicePlan(subscription, caller) is { } contactSales)
        {
            return contactSales;
        }

        if (subscription.CancelAtPeriodEnd)
        {
            return Decision.Unchanged(state);
        }

        var cancelled = subscription with { CancelAtPeriodEnd = true };
        return new Decision(
            state with { Plan = new PaidPlan(cancelled) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.CancellationScheduled, subscription, cancelled)]);
    }

    public static Result<Decision> Resume(SpaceBilling state, Caller caller, DecisionContext context)
    {
        if (Access.RequireBillingOwner(state, caller, ServiceRoles.Sales) is { } denied)
        {
            return denied;
        }

        var subscription = state.Subscription!;
        if (Access.RequireSalesForInvoicePlan(subscription, caller) is { } contactSales)
        {
            return contactSales;
        }

        if (!subscription.CancelAtPeriodEnd)
        {
            return Decision.Unchanged(state);
        }

        var resumed = subscription with { CancelAtPeriodEnd = false };
        return new Decision(
            state with { Plan = new PaidPlan(resumed) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.CancellationWithdrawn, subscription, resumed)]);
    }
}
