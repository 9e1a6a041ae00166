using System.Collections.Immutable;
using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>What only the billing owner manages (B1): ownership itself (B3), billing information, the payment method (P1).</summary>
public static class Ownership
{
    /// <summary>
    /// B3: hand billing ownership to another member; the old owner keeps membership and role, the new one
    /// becomes an admin (B2). B8: when the owner has left or cannot act, sales or an operator may make the
    /// transfer instead. Both the old and the new owner are emailed; after it the directory may remove the
    /// former owner (B6).
    /// </summary>
    public static Result<Decision> TransferBillingOwner(SpaceBilling state, UserId newOwner, Caller caller, DecisionContext context)
    {
        if (Access.RequireBillingOwner(state, caller, RecoveryRole(caller)) is { } denied)
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
        var emails = ImmutableArray.Create<Effect>(
            Notices.ToMember(next, transferred, subscription.BillingOwner, EmailKind.BillingOwnershipHandedOver),
            Notices.ToMember(next, transferred, newOwner, EmailKind.BillingOwnershipReceived));
        return promotion is { } promoted
            ? new Decision(next, emails, [record, AuditTrail.Record(state, caller, context, AuditAction.MemberUpdated, promoted.Before, promoted.After)])
            : new Decision(next, emails, [record]);
    }

    /// <summary>B8: the service role that may transfer ownership for an owner who cannot: sales, or an operator.</summary>
    private static ServiceRoles RecoveryRole(Caller caller) => caller.Has(ServiceRoles.Operator) ? ServiceRoles.Operator : ServiceRoles.Sales;

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
    /// plan is past due, the retry is brought forward to now, with the new method. I1: sales may also
    /// move an eligible plan to payment by invoice, and back to a card or PayPal account.
    /// </summary>
    public static Result<Decision> SwitchPaymentMethod(SpaceBilling state, PaymentMethod paymentMethod, Caller caller, DecisionContext context)
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

        if (paymentMethod.IsInvoice && !caller.Has(ServiceRoles.Sales))
        {
            return Errors.Forbidden("Payment by invoice is set up by sales (billing.sales) only (I1).");
        }

        if (paymentMethod.IsInvoice && !InvoicePayment.IsEligible(context.Catalog.Policy, subscription.Cycle, state.MembersCountedIn(subscription)))
        {
            return Errors.InvoicePaymentNotEligible(context.Catalog.Policy.InvoicePaymentMinimumMembers);
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
