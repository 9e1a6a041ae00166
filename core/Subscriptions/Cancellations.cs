using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
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

    /// <summary>
    /// U12: sales ends a plan at once (bought on the wrong space, or anything else agreed with the
    /// customer); the space is back on Basic now and nothing is deleted (C3). With a prorated refund, the
    /// unused part of the paid period goes back with a credit note (V5), attached to the email that tells
    /// the billing owner. The billing owner alone can only cancel at period end (C2).
    /// </summary>
    public static Result<Decision> EndNow(SpaceBilling state, bool refundUnusedPart, Caller caller, DecisionContext context)
    {
        if (Access.RequireBillingOwner(state, caller, ServiceRoles.Sales) is { } denied)
        {
            return denied;
        }

        if (!caller.Has(ServiceRoles.Sales))
        {
            return Errors.Forbidden("Only sales can end a plan at once (U12); the billing owner cancels at the end of the paid period (C2).");
        }

        var subscription = state.Subscription!;
        var ended = Renewals.End(state, subscription, EndReason.EndedBySales, caller, context);
        if (!refundUnusedPart || CreditNotes.ForUnusedPart(state, subscription, context.Now, context) is not { } creditNote)
        {
            return ended;
        }

        return new Decision(
            ended.State,
            [.. CreditNotes.IssueAndRefund(state, subscription, creditNote), Notices.ToBillingOwner(state, subscription, EmailKind.PlanEnded, creditNote.Id)],
            ended.Audit.Add(AuditTrail.Record(state, caller, context, AuditAction.InvoiceRefunded, creditNote.Credits!.Value.Value, creditNote)));
    }

    /// <summary>
    /// Undoes a scheduled cancellation (C2), unless the space now sits under a paid organization or division
    /// (<paramref name="surroundings"/>; S4: a team that moved in with its plan), which pays for it from the next renewal.
    /// </summary>
    public static Result<Decision> Resume(SpaceBilling state, SpaceSurroundings surroundings, Caller caller, DecisionContext context)
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

        if (surroundings.CoveredAbove)
        {
            return Errors.TeamInPaidOrganization();
        }

        var resumed = subscription with { CancelAtPeriodEnd = false };
        return new Decision(
            state with { Plan = new PaidPlan(resumed) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.CancellationWithdrawn, subscription, resumed)]);
    }
}
