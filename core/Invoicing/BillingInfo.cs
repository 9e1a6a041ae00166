using Billing.Core.Common;
using Billing.Core.Tax;

namespace Billing.Core.Invoicing;

/// <summary>Who an invoice is addressed to (U8): name, email, postal address, optional tax id as checked (T2), and the locale to write in.</summary>
public sealed record BillingInfo(
    string Name,
    string Email,
    PostalAddress Address,
    TaxId? TaxId,
    Locale Locale);
