namespace Billing.Core.Common;

/// <summary>
/// Every error code the API answers (API.md, "Errors"): the one vocabulary of core's refusals and of
/// the function app's own answers (authentication, webhooks, storage), so no code is spelled as a
/// string anywhere else. The HTTP status is the function app's concern.
/// </summary>
public enum ErrorCode
{
    InvalidRequest,
    Unauthenticated,
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
    IdempotencyKeyReused,
    TaxIdInvalid,
    InvoiceNotOpen,
    PaymentExceedsAmountDue,
    InvoiceNotPaid,
    RefundExceedsPaid,
    WebhookSignatureInvalid,
    StorageUnavailable,
    PaymentProviderUnavailable,
    InternalError,
}

public static class ErrorCodeNames
{
    /// <summary>The snake_case code of API.md.</summary>
    public static string ToApiCode(this ErrorCode code) => code switch
    {
        ErrorCode.InvalidRequest => "invalid_request",
        ErrorCode.Unauthenticated => "unauthenticated",
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
        ErrorCode.IdempotencyKeyReused => "idempotency_key_reused",
        ErrorCode.TaxIdInvalid => "tax_id_invalid",
        ErrorCode.InvoiceNotOpen => "invoice_not_open",
        ErrorCode.PaymentExceedsAmountDue => "payment_exceeds_amount_due",
        ErrorCode.InvoiceNotPaid => "invoice_not_paid",
        ErrorCode.RefundExceedsPaid => "refund_exceeds_paid",
        ErrorCode.WebhookSignatureInvalid => "webhook_signature_invalid",
        ErrorCode.StorageUnavailable => "storage_unavailable",
        ErrorCode.PaymentProviderUnavailable => "payment_provider_unavailable",
        ErrorCode.InternalError => "internal_error",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
