using System.Globalization;
using Billing.Core.Amounts;
using Billing.Core.Tax;
using Billing.Infra.Invoices;

namespace Billing.Infra.Tests.Invoices;

/// <summary>T1, T3, M4 and V6 as the PDF prints them, read back with PdfPig.</summary>
public class TaxOnInvoiceTests
{
    private static readonly InvoicePdf Renderer = new();

    private static readonly TaxTreatment ReverseCharge = new(TaxRate.None, TaxReason.ReverseCharge, null);

    private static readonly TaxId GermanVatId = new("DE136695976", TaxIdStatus.Valid);

    public static TheoryData<string, string> ReverseChargeMentions => new()
    {
        { "en-US", "Reverse charge: VAT to be accounted for by the recipient, Article 196 of Directive 2006/112/EC." },
        { "fr-FR", "Autoliquidation : TVA due par le preneur, article 196 de la directive 2006/112/CE." },
        { "nl-NL", "Btw verlegd: de btw wordt voldaan door de afnemer, artikel 196 van Richtlijn 2006/112/EG." },
        { "sv-SE", "Omvänd betalningsskyldighet: mervärdesskatten redovisas av köparen, artikel 196 i direktiv 2006/112/EG." },
        { "id-ID", "Pembalikan kewajiban (reverse charge): PPN terutang oleh penerima, Pasal 196 Direktif 2006/112/EC." },
        { "zh-TW", "2006/112/EC" },
    };

    [Theory]
    [Trait("Rule", "T1")]
    [MemberData(nameof(ReverseChargeMentions))]
    public void A_reverse_charge_invoice_prints_the_mention_in_its_language_both_vat_ids_and_zero_tax(string locale, string mention)
    {
        var text = Text(Renderer.RenderPdf(TestInvoices.Reference(locale, country: "DE", taxation: ReverseCharge, taxId: GermanVatId)));
        Assert.Contains(mention, text, StringComparison.Ordinal);
        Assert.Contains("DE136695976", text, StringComparison.Ordinal);
        Assert.Contains("NL000000000B01", text, StringComparison.Ordinal);
        var zero = MoneyText.Format(Money.Zero(Currency.Eur), CultureInfo.GetCultureInfo(locale));
        Assert.Contains(zero, text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void An_invoice_with_vat_prints_no_reverse_charge_mention()
    {
        var text = Text(Renderer.RenderPdf(TestInvoices.Reference("en-US")));
        Assert.DoesNotContain("Reverse charge", text, StringComparison.Ordinal);
        Assert.Contains("Tax (21 %)", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "T3")]
    public void An_exempt_invoice_prints_the_reason_of_the_exemption()
    {
        var exempt = new TaxTreatment(TaxRate.None, TaxReason.Exempt, "Diplomatic mission, Art. 151 VAT Directive");
        var text = Text(Renderer.RenderPdf(TestInvoices.Reference("nl-NL", taxation: exempt)));
        Assert.Contains("Vrijgesteld van btw: Diplomatic mission, Art. 151 VAT Directive", text, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "V6")]
    [InlineData("nl-NL", "NL", "Nederland")]
    [InlineData("fr-FR", "NL", "Pays-Bas")]
    [InlineData("sv-SE", "DE", "Tyskland")]
    [InlineData("id-ID", "JP", "Jepang")]
    [InlineData("zh-TW", "NL", "荷蘭")]
    [InlineData("en-US", "DE", "Germany")]
    public void The_bill_to_country_is_named_in_the_invoices_language(string locale, string country, string name)
    {
        var text = Text(Renderer.RenderPdf(TestInvoices.Reference(locale, country: country)));
        Assert.Contains(name, text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "V6")]
    public void A_dutch_invoice_does_not_name_the_netherlands_in_english() =>
        Assert.DoesNotContain("Netherlands", Text(Renderer.RenderPdf(TestInvoices.Reference("nl-NL"))), StringComparison.Ordinal);

    [Fact]
    [Trait("Rule", "M4")]
    public void A_yen_invoice_prints_whole_yen_without_decimals()
    {
        var text = Text(Renderer.RenderPdf(TestInvoices.Reference("en-US", country: "JP", currency: Currency.Parse("JPY"), taxation: new(TaxRate.None, TaxReason.OutsideEu, null))));
        Assert.Contains("JPY 2,499", text, StringComparison.Ordinal);
        Assert.DoesNotContain("JPY 2,499.00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("JPY 24.99", text, StringComparison.Ordinal);
    }

    private static string Text(byte[] pdf) => InvoicePdfTests.Text(pdf);
}
