using Billing.Core.Common;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// Who may act on a space (API.md): non-members get <c>not_found</c>, so no one learns which spaces
/// exist by probing; members who may not act get <c>forbidden</c> or <c>not_billing_owner</c> (B1).
/// </summary>
public static class Access
{
    /// <summary>A member of the space, or a caller holding <paramref name="serviceRole"/>.</summary>
    public static DomainError? RequireMember(SpaceBilling state, Caller caller, ServiceRoles serviceRole = ServiceRoles.None) =>
        caller.Has(serviceRole) || (caller.User is { } user && state.IsMember(user)) ? null : Errors.NotFound();

    /// <summary>
    /// The billing owner of the space's paid plan (B1), or a caller holding <paramref name="serviceRole"/>.
    /// A member of a space with no paid plan gets <c>not_subscribed</c>.
    /// </summary>
    public static DomainError? RequireBillingOwner(SpaceBilling state, Caller caller, ServiceRoles serviceRole = ServiceRoles.None)
    {
        if (RequireMember(state, caller, serviceRole) is { } notMember)
        {
            return notMember;
        }

        if (state.Subscription is null)
        {
            return Errors.NotSubscribed();
        }

        return caller.Has(serviceRole) || state.IsBillingOwner(caller.User) ? null : Errors.NotBillingOwner();
    }

    /// <summary>
    /// Who may read invoices and the audit trail (B1, V3, C3): the billing owner, and once the plan
    /// has ended, its last billing owner, since nothing of billing is deleted; and sales, who record
    /// payments against them (I3).
    /// </summary>
    public static DomainError? RequireBillingHistoryReader(SpaceBilling state, Caller caller)
    {
        if (RequireMember(state, caller, ServiceRoles.Sales) is { } notMember)
        {
            return notMember;
        }

        var owner = state.Subscription?.BillingOwner ?? (state.PastSubscriptions.IsDefaultOrEmpty ? null : state.PastSubscriptions[^1].Subscription.BillingOwner);
        if (owner is null)
        {
            return Errors.NotSubscribed();
        }

        return caller.User == owner || caller.Has(ServiceRoles.Sales) ? null : Errors.NotBillingOwner();
    }

    /// <summary>
    /// Who may start saving a payment method (P1): before a plan any member, who becomes its billing
    /// owner by upgrading with it (U9); once there is a plan, its billing owner only (B1).
    /// </summary>
    public static DomainError? RequirePaymentMethodSetup(SpaceBilling state, Caller caller) =>
        state.Subscription is null ? RequireMember(state, caller) : RequireBillingOwner(state, caller);

    /// <summary>The product's directory service (S3).</summary>
    public static DomainError? RequireDirectory(Caller caller) =>
        caller.Has(ServiceRoles.Directory) ? null : Errors.Forbidden("Only the directory service (billing.directory) keeps spaces and members.");

    /// <summary>An operator of the billing service (<c>billing.operator</c>): the renewal run and the test clock are theirs.</summary>
    public static DomainError? RequireOperator(Caller caller) =>
        caller.Has(ServiceRoles.Operator) ? null : Errors.Forbidden("Only operators (billing.operator) may do this.");

    /// <summary>Sales (<c>billing.sales</c>): the receivables of every space are theirs (I4).</summary>
    public static DomainError? RequireSales(Caller caller) =>
        caller.Has(ServiceRoles.Sales) ? null : Errors.Forbidden("Only sales (billing.sales) may do this.");

    /// <summary>On a plan paid by invoice, the billing owner's self-serve changes go through sales (I2).</summary>
    public static DomainError? RequireSalesForInvoicePlan(Subscription subscription, Caller caller) =>
        subscription.IsPaidByInvoice && !caller.Has(ServiceRoles.Sales) ? Errors.ContactSales() : null;
}
