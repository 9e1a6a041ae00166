using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Tax;

namespace Billing.Core.Subscriptions;

/// <summary>What changes a customer's tax from outside its billing information: sales' exemption (T3) and the register's later answer (T2).</summary>
public static class TaxStatus
{
    /// <summary>
    /// T3: sales marks the customer of a paid plan tax-exempt with a reason, or lifts the exemption
    /// (null). It applies from the next invoice; issued invoices keep their tax (V2). Audited (A1).
    /// </summary>
    public static Result<Decision> SetExemption(SpaceBilling state, TaxExemption? exemption, Caller caller, DecisionContext context)
    {
        if (!caller.Has(ServiceRoles.Sales))
        {
            // Non-members learn nothing of the space; members learn that this is sales' to do.
            return Access.RequireMember(state, caller) ?? Errors.Forbidden("Only sales (billing.sales) marks a customer tax-exempt (T3).");
        }

        if (state.Subscription is not { } subscription)
        {
            return Errors.NotSubscribed();
        }

        if (subscription.TaxExemption == exemption)
        {
            return Decision.Unchanged(state);
        }

        var updated = subscription with { TaxExemption = exemption };
        return new Decision(
            state with { Plan = new PaidPlan(updated) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.TaxExemptionChanged, subscription.TaxExemption, exemption)]);
    }

    /// <summary>Whether the renewal run should ask the register again about the plan's tax id: it was given while VIES could not answer (T2).</summary>
    public static bool NeedsRecheck(SpaceBilling state) =>
        state.Subscription?.BillingInfo.TaxId is { Status: TaxIdStatus.Unverified } && TaxIdChecks.IsConfirmedOnline(state.Subscription.BillingInfo.Address.Country);

    /// <summary>
    /// T2: the register's later answer about an unverified tax id. A confirmed id makes the customer a
    /// business from the next invoice on (reverse charge), a refused one stays charged as a consumer;
    /// issued invoices never change. An unreachable register changes nothing: the next run asks again.
    /// </summary>
    public static Decision Recheck(SpaceBilling state, RegisterAnswer answer, Caller caller, DecisionContext context)
    {
        if (state.Subscription is not { BillingInfo.TaxId: { } id } subscription)
        {
            return Decision.Unchanged(state);
        }

        var rechecked = TaxIdChecks.Recheck(id, answer);
        if (rechecked == id)
        {
            return Decision.Unchanged(state);
        }

        var updated = subscription with { BillingInfo = subscription.BillingInfo with { TaxId = rechecked } };
        return new Decision(
            state with { Plan = new PaidPlan(updated) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.TaxIdRechecked, id, rechecked)]);
    }
}
