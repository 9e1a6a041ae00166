using Billing.Core.Common;

namespace Billing.Functions.Decisions;

/// <summary>Links in emails, under <c>Billing__PublicBaseUrl</c>, to the web pages of API.md (B4).</summary>
public sealed class EmailLinks(Uri publicBaseUrl)
{
    /// <summary>
    /// The invoice's page when the email is about one (where the billing owner also confirms a charge
    /// their bank holds), else the space's billing tab, which lists its invoices.
    /// </summary>
    public Uri For(SpaceId space, InvoiceId? invoice) =>
        new(publicBaseUrl, invoice is { } id ? $"billing/{space}/invoices/{id}" : $"billing/{space}");
}
