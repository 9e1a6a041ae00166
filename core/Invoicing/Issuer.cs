namespace Billing.Core.Invoicing;

/// <summary>
/// The company that issues invoices, as it stood when the invoice was issued (an invoice never
/// changes afterwards), with the bank details printed for payment by invoice (I1).
/// </summary>
public sealed record Issuer(
    string Name,
    PostalAddress Address,
    string? TaxId,
    string Email,
    string InvoiceNumberPrefix,
    BankDetails? BankDetails);

/// <summary>Where a customer paying by invoice sends the money.</summary>
public sealed record BankDetails(string AccountHolder, string Iban, string Bic, string? BankName);
