namespace Billing.Core.Common;

/// <summary>Every domain error code of API.md. The HTTP status is the function app's concern.</summary>
public enum ErrorCode
{
    InvalidRequest,
    Forbidden,
    NotBillingOwner,
    NotFound,
    PaymentFailed,
    PaymentMethodMissing,
    AlreadySubscribed,
    NotSubscribed,
    TeamInPaidOrganization,
    TeamsAlreadyPaid,
    ContactSales,
    TrialAlreadyUsed,
    BillingOwnerMustTransferFirst,
    TierNotOnSale,
    SeatCountNotOffered,
    SeatsBelowMembers,
    BillingOwnerNotMember,
    InvoicePaymentNotEligible,
}

public static class ErrorCodeNames
{
    /// <summary>The snake_case code of API.md.</summary>
    public static string ToApiCode(this ErrorCode code) => code switch
    {
        ErrorCode.InvalidRequest => "invalid_request",
        ErrorCode.Forbidden => "forbidden",
        ErrorCode.NotBillingOwner => "not_billing_owner",
        ErrorCode.NotFound => "not_found",
        ErrorCode.PaymentFailed => "payment_failed",
        ErrorCode.PaymentMethodMissing => "payment_method_missing",
        ErrorCode.AlreadySubscribed => "already_subscribed",
        ErrorCode.NotSubscribed => "not_subscribed",
        ErrorCode.TeamInPaidOrganization => "team_in_paid_organization",
        ErrorCode.TeamsAlreadyPaid => "teams_already_paid",
        ErrorCode.ContactSales => "contact_sales",
        ErrorCode.TrialAlreadyUsed => "trial_already_used",
        ErrorCode.BillingOwnerMustTransferFirst => "billing_owner_must_transfer_first",
        ErrorCode.TierNotOnSale => "tier_not_on_sale",
        ErrorCode.SeatCountNotOffered => "seat_count_not_offered",
        ErrorCode.SeatsBelowMembers => "seats_below_members",
        ErrorCode.BillingOwnerNotMember => "billing_owner_not_member",
        ErrorCode.InvoicePaymentNotEligible => "invoice_payment_not_eligible",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
