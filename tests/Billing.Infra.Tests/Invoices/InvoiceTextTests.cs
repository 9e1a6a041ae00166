using Billing.Infra.Invoices;

namespace Billing.Infra.Tests.Invoices;

public class InvoiceTextTests
{
    [Fact]
    [Trait("Rule", "V4")]
    public void The_plain_text_body_has_the_same_words_as_the_pdf()
    {
        var text = InvoiceText.Plain(InvoiceDocument.Of(TestInvoices.Reference("fr-FR")));
        Assert.Contains("Facture INV-2026-000123", text, StringComparison.Ordinal);
        Assert.Contains("Sous-total", text, StringComparison.Ordinal);
        Assert.Contains("374,95", text, StringComparison.Ordinal);
    }
}
