using Billing.Core.Common;

namespace Billing.Core.Invoicing;

/// <summary>Who an invoice is addressed to (U8): name, email, postal address, optional tax id, and the locale to write in.</summary>
public sealed record BillingInfo(
    string Name,
    string Email,
    PostalAddress Address,
    string? TaxId,
    Locale Locale);
