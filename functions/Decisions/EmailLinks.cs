using Billing.Core.Common;

namespace Billing.Functions.Decisions;

/// <summary>Links in emails, under <c>Billing__PublicBaseUrl</c>: where the billing owner sees the invoices online (B4).</summary>
public sealed class EmailLinks(Uri publicBaseUrl)
{
    public Uri InvoicesOf(SpaceId space, InvoiceId? invoice) =>
        new(publicBaseUrl, invoice is { } id ? $"billing/{space}/invoices/{id}" : $"billing/{space}/invoices");

    /// <summary>The billing tab's page where the billing owner confirms a charge their bank holds (strong customer authentication).</summary>
    public Uri ConfirmationOf(SpaceId space, InvoiceId invoice) => new(publicBaseUrl, $"billing/{space}/invoices/{invoice}/confirm");
}
