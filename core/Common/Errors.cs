using System.Collections.Immutable;

namespace Billing.Core.Common;

/// <summary>The domain errors, each with the detail a person reads. One place, so wording stays consistent.</summary>
public static class Errors
{
    public static DomainError NotFound() => new(ErrorCode.NotFound, "The space does not exist, or you are not a member of it.");

    public static DomainError Forbidden(string why) => new(ErrorCode.Forbidden, why);

    public static DomainError NotBillingOwner() => new(ErrorCode.NotBillingOwner, "Only the billing owner can do this (B1).");

    public static DomainError InvalidRequest(string why) => new(ErrorCode.InvalidRequest, why);

    public static DomainError AlreadySubscribed() =>
        new(ErrorCode.AlreadySubscribed, "This space already has a subscription; cancel it before upgrading again (U7).");

    public static DomainError NotSubscribed() => new(ErrorCode.NotSubscribed, "This space has no paid plan or trial to act on.");

    public static DomainError TeamInPaidOrganization() =>
        new(ErrorCode.TeamInPaidOrganization, "This space's organization or division is on a paid plan, which already covers it (U6, S4).");

    public static DomainError TeamsAlreadyPaid(IEnumerable<Subscriptions.PaidSpace> teams)
    {
        var listed = teams.ToImmutableArray();
        return new(ErrorCode.TeamsAlreadyPaid, "Some teams of this space have their own plans; cancel them first, or take them over (U6, U11).")
        {
            Related = [.. listed.Select(t => t.Space.Value)],
            Teams = [.. listed.Select(t => new RelatedSpace(t.Space, t.BillingOwner))],
        };
    }

    public static DomainError ContactSales() =>
        new(ErrorCode.ContactSales, "This plan is paid by invoice; contact sales to change it (I2).");

    public static DomainError TrialAlreadyUsed() => new(ErrorCode.TrialAlreadyUsed, "This space has already had its free trial (U10).");

    public static DomainError BillingOwnerMustTransferFirst() =>
        new(ErrorCode.BillingOwnerMustTransferFirst, "The billing owner must hand billing ownership to another member first (B6).");

    public static DomainError TierNotOnSale(string tier) => new(ErrorCode.TierNotOnSale, $"The tier '{tier}' is not on sale (U1).");

    public static DomainError SeatCountNotOffered(int seats) =>
        new(ErrorCode.SeatCountNotOffered, $"{seats} seats is not a step of the seat ladder (U4).");

    public static DomainError SeatsBelowMembers(int seats, int members) =>
        new(ErrorCode.SeatsBelowMembers, $"{seats} seats is fewer than the {members} members that count (U3, N2).");

    public static DomainError BillingOwnerNotMember() =>
        new(ErrorCode.BillingOwnerNotMember, "The billing owner must be a member of the space (U9, B3).");

    public static DomainError PaymentMethodMissing() => new(ErrorCode.PaymentMethodMissing, "A payment method is needed for a paid plan.");

    public static DomainError InvoicePaymentNotEligible(int minimumMembers) =>
        new(ErrorCode.InvoicePaymentNotEligible, $"Payment by invoice is for annual plans of spaces with {minimumMembers} or more members that count (I1).");

    public static DomainError TaxIdInvalid(string country) =>
        new(ErrorCode.TaxIdInvalid, $"The tax id does not have the format or the check digits of a tax id of {country} (T2).");

    public static DomainError InvoiceNotFound() => new(ErrorCode.NotFound, "The space has no such invoice.");

    public static DomainError InvoiceNotOpen(string status) => new(ErrorCode.InvoiceNotOpen, $"The invoice is {status}; payments are recorded only against an open or past due invoice (I3).");

    public static DomainError InvoiceNotOpenToVoid(string status) => new(ErrorCode.InvoiceNotOpen, $"The invoice is {status}; only an open or past due invoice is voided (V5), a paid one is refunded.");

    public static DomainError InvoiceNotPaid(string status) => new(ErrorCode.InvoiceNotPaid, $"The invoice is {status}; only a paid invoice is refunded (V5), an open one is voided.");

    public static DomainError RefundExceedsPaid(string refundable) =>
        new(ErrorCode.RefundExceedsPaid, $"The refund is more than the {refundable} paid and not yet refunded on the invoice (V5).");

    public static DomainError PaymentExceedsAmountDue(string due) =>
        new(ErrorCode.PaymentExceedsAmountDue, $"The payment is more than the {due} still due on the invoice (I3).");
}
