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

    [Fact]
    public void The_html_body_escapes_what_people_typed()
    {
        var html = InvoiceText.Html(InvoiceDocument.Of(TestInvoices.Reference("en-US", "<script>alert(1)</script>")));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("INV-2026-000123", html, StringComparison.Ordinal);
    }
}
