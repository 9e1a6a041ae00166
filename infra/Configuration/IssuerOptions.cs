using System.ComponentModel.DataAnnotations;
using Billing.Core.Invoicing;

namespace Billing.Infra.Configuration;

/// <summary>The company that issues invoices (<c>Billing__Issuer__*</c>), printed on every invoice (V2).</summary>
public sealed class IssuerOptions
{
    public const string Section = "Billing:Issuer";

    [Required]
    public string Name { get; set; } = "Collab Billing B.V.";

    [Required]
    public string Line1 { get; set; } = "Keizersgracht 1";

    public string? Line2 { get; set; }

    [Required]
    public string City { get; set; } = "Amsterdam";

    public string? PostalCode { get; set; } = "1015 AA";

    public string? Region { get; set; }

    [Required]
    [RegularExpression("^[A-Z]{2}$")]
    public string Country { get; set; } = "NL";

    public string? TaxId { get; set; } = "NL000000000B01";

    [Required]
    public string Email { get; set; } = "billing@collab.example";

    [Required]
    [RegularExpression("^[A-Z]{2,8}$")]
    public string InvoiceNumberPrefix { get; set; } = "INV";

    /// <summary>The prefix of credit notes, numbered in a gap-free sequence of their own (V5): <c>CN-2026-000007</c>.</summary>
    [Required]
    [RegularExpression("^[A-Z]{2,8}$")]
    public string CreditNoteNumberPrefix { get; set; } = "CN";

    /// <summary>Bank details printed for payment by invoice (I1); all three or none.</summary>
    public string? BankAccountHolder { get; set; } = "Collab Billing B.V.";

    public string? Iban { get; set; } = "NL00BANK0123456789";

    public string? Bic { get; set; } = "BANKNL2A";

    public string? BankName { get; set; }

    public Issuer ToIssuer() => new(
        Name,
        new PostalAddress(Line1, Line2, City, PostalCode, Region, Country),
        TaxId,
        Email,
        InvoiceNumberPrefix,
        BankAccountHolder is not null && Iban is not null && Bic is not null ? new BankDetails(BankAccountHolder, Iban, Bic, BankName) : null);
}
