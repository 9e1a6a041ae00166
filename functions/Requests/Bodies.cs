namespace Billing.Functions.Requests;

// The JSON bodies of API.md, read loosely (every field optional) so that FieldErrors can say what is missing.

public sealed record AddressBody(string? Line1, string? Line2, string? City, string? PostalCode, string? Region, string? Country);

public sealed record BillingInfoBody(string? Name, string? Email, AddressBody? Address, string? TaxId, string? Locale);

public sealed record PaymentMethodBody(string? Provider, string? Token);

public sealed record UpgradeBody(
    string? Tier, string? Cycle, int? Seats, string? BillingOwnerId, BillingInfoBody? BillingInfo, PaymentMethodBody? PaymentMethod, bool? TakeOverTeamPlans = null);

public sealed record ChangeBody(string? Tier, string? Cycle, int? Seats);

public sealed record SpaceBody(string? Kind, string? Name, string? OrganizationId, string? Locale, string? DivisionId = null);

public sealed record MemberBody(string? Email, string? Name, string? Role, string? Locale);

public sealed record TransferBody(string? UserId);

/// <summary>Cancel: empty for the end of the paid period (C2); <c>{ "at": "now", "refund": "prorated" or "none" }</c> for sales to end it at once (U12).</summary>
public sealed record CancelBody(string? At, string? Refund);

public sealed record TrialBody(string? Tier);

public sealed record ClockBody(DateTimeOffset? Now);

public sealed record PaymentMethodSetupBody(string? Provider);

public sealed record TaxExemptionBody(bool? Exempt, string? Reason);

public sealed record PaymentReceivedBody(long? Amount, string? Currency, DateTimeOffset? ReceivedAt, string? Reference);

/// <summary>A refund (V5): <see cref="Amount"/> in the invoice currency's minor units, all that is refundable when absent; <see cref="Reference"/> the bank's, for an invoice paid by bank transfer.</summary>
public sealed record RefundBody(long? Amount, string? Reference);
