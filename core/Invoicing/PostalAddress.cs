namespace Billing.Core.Invoicing;

/// <summary>A postal address as printed on an invoice; <see cref="Country"/> is ISO 3166-1 alpha-2 (upper case).</summary>
public sealed record PostalAddress(
    string Line1,
    string? Line2,
    string City,
    string? PostalCode,
    string? Region,
    string Country);
