using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>What only the billing owner manages (B1): ownership itself (B3), billing information, the payment method (P1).</summary>
public static class Ownership
{
    /// <summary>B3: hand billing ownership to another member; the old owner keeps membership and role, the new one becomes an admin (B2).</summary>
    public static Result<Decision> TransferBillingOwner(SpaceBilling state, UserId newOwner, Caller caller, DecisionContext context)
    {
        if (Access.RequireBillingOwner(state, caller) is { } denied)
        {
            return denied;
        }

        if (!state.IsMember(newOwner))
        {
            return Errors.BillingOwnerNotMember();
        }

        var subscription = state.Subscription!;
        if (subscription.BillingOwner == newOwner)
        {
            return Decision.Unchanged(state);
        }

        var (members, promotion) = BillingOwnership.PromoteToAdmin(state, newOwner);
        var transferred = subscription with { BillingOwner = newOwner };
        var next = state with { Plan = new PaidPlan(transferred), Members = members };
        var record = AuditTrail.Record(state, caller, context, AuditAction.BillingOwnerTransferred, subscription.BillingOwner, newOwner);
        return promotion is { } promoted
            ? new Decision(next, [], [record, AuditTrail.Record(state, caller, context, AuditAction.MemberUpdated, promoted.Before, promoted.After)])
            : new Decision(next, [], [record]);
    }

    /// <summary>
    /// B7: the billing information as it stands, for the billing owner and sales. Non-members get
    /// <c>not_found</c>, other members <c>not_billing_owner</c>, and a space with no paid plan has none
    /// (<c>not_subscribed</c>): a trial or Basic keeps no billing information.
    /// </summary>
    public static Result<BillingInfo> ReadBillingInfo(SpaceBilling state, Caller caller) =>
        Access.RequireBillingOwner(state, caller, ServiceRoles.Sales) is { } denied ? denied : state.Subscription!.BillingInfo;

    /// <summary>New billing information, from the billing owner or sales, applies from the next invoice; issued invoices never change (V2).</summary>
    public static Result<Decision> UpdateBillingInfo(SpaceBilling state, BillingInfo billingInfo, Caller caller, DecisionContext context)
    {
        // API.md: the billing owner, and sales (who keep the billing information of plans paid by invoice, I1).
        if (Access.RequireBillingOwner(state, caller, ServiceRoles.Sales) is { } denied)
        {
            return denied;
        }

        var subscription = state.Subscription!;
        if (subscription.BillingInfo == billingInfo)
        {
            return Decision.Unchanged(state);
        }

        // The currency stays the subscription's for life: prices never jump when an address moves.
        var updated = subscription with { BillingInfo = billingInfo };
        return new Decision(
            state with { Plan = new PaidPlan(updated) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.BillingInfoUpdated, subscription.BillingInfo, billingInfo)]);
    }

    /// <summary>
    /// P1: switch between card and PayPal at any time; the next charge uses the new method. When the
    /// plan is past due, the retry is brought forward to now, with the new method.
    /// </summary>
    public static Result<Decision> SwitchPaymentMethod(SpaceBilling state, PaymentMethod paymentMethod, Caller caller, DecisionContext context)
    {
        if (Access.RequireBillingOwner(state, caller) is { } denied)
        {
            return denied;
        }

        var subscription = state.Subscription!;
        if (Access.RequireSalesForInvoicePlan(subscription, caller) is { } contactSales)
        {
            return contactSales;
        }

        if (paymentMethod.IsInvoice)
        {
            return Errors.Forbidden("Payment by invoice is set up by sales (billing.sales) only (I1).");
        }

        if (subscription.PaymentMethod == paymentMethod)
        {
            return Decision.Unchanged(state);
        }

        var switched = subscription with
        {
            PaymentMethod = paymentMethod,
            Dunning = subscription.Dunning is { AttemptInFlight: false } dunning ? dunning with { NextAttemptAt = context.Now } : subscription.Dunning,
        };
        return new Decision(
            state with { Plan = new PaidPlan(switched) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.PaymentMethodChanged, subscription.PaymentMethod.Summary, paymentMethod.Summary)]);
    }
}
