using Billing.Core.Audit;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>Builds audit records (A1) with the decision's time, caller and request.</summary>
internal static class AuditTrail
{
    public static AuditRecord Record(SpaceBilling state, Caller caller, DecisionContext context, AuditAction action, object? before, object? after) =>
        new(context.Now, state.Space.Id, caller.AuditName, action, before, after, context.RequestId);
}
