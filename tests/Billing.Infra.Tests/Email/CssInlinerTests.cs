using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Tax;
using Billing.Infra.Email;
using Billing.Infra.Invoices;
using Billing.Infra.Tests.Invoices;

namespace Billing.Infra.Tests.Email;

public class CssInlinerTests
{
    private const string Link = "https://app.example.test/billing/space-1/invoices/sub-1-p20260131093000?a=1&b=2";

    public static TheoryData<string, string> EveryToneInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var locale in new[] { "en-US", "fr-FR", "nl-NL", "sv-SE", "id-ID", "zh-TW" })
        {
            foreach (var tone in new[] { "none", "open", "paid", "late", "closed", "transfer", "reverse-charge" })
            {
                data.Add(locale, tone);
            }
        }

        return data;
    }

    /// <summary>
    /// The inliner parses the style sheet once instead of for every email; what it sends must be what
    /// PreMailer.Net's <c>MoveCssInline</c> gives for the same HTML, to the byte.
    /// </summary>
    [Theory]
    [Trait("Rule", "V4")]
    [MemberData(nameof(EveryToneInEveryLanguage))]
    public void The_email_html_is_byte_for_byte_what_premailer_inlines_from_the_same_template(string locale, string tone)
    {
        var view = View(locale, tone);
        var styled = EmailHtml.RenderStyled(view);
        using var premailer = new PreMailer.Net.PreMailer(styled);
        var expected = premailer.MoveCssInline(removeStyleElements: true, stripIdAndClassAttributes: true, removeComments: false).Html;

        Assert.Equal(expected, EmailHtml.Render(view));
    }

    [Fact]
    [Trait("Rule", "V4")]
    public void Rules_apply_by_specificity_then_order_and_a_style_the_element_already_has_wins_as_in_premailer()
    {
        const string html = "<!DOCTYPE html><html><head><style>.x { color: #222222; background-color: #eeeeee; } p { color: #111111; margin: 0; } .y { margin: 1px; }</style></head>"
            + "<body><p class=\"x\">a</p><p class=\"y\" style=\"color: #333333\">b</p><p>c</p><table><tr><td bgcolor=\"#fff\" class=\"x\" id=\"d\">d</td></tr></table></body></html>";
        using var premailer = new PreMailer.Net.PreMailer(html);
        var expected = premailer.MoveCssInline(removeStyleElements: true, stripIdAndClassAttributes: true, removeComments: false).Html;

        Assert.Equal(expected, CssInliner.OfStyleElements(html).Inline(html));
    }

    private static EmailHtmlView View(string locale, string tone)
    {
        var language = Locale.Parse(locale);
        var invoice = tone switch
        {
            "none" => null,
            "open" => TestInvoices.Reference(locale, name: "Zoë & \"Ångström\" <Labs> 王小明"),
            "paid" => TestInvoices.Reference(locale).MarkPaid(TestInvoices.IssuedAt),
            "late" => TestInvoices.Reference(locale, lines: 4).MarkPastDue(),
            "closed" => TestInvoices.Reference(locale).MarkVoid(),
            "transfer" => TestInvoices.Reference(locale, method: PaymentMethod.ByInvoice),
            _ => TestInvoices.Reference(locale, country: "DE", taxation: new TaxTreatment(Billing.Core.Amounts.TaxRate.None, TaxReason.ReverseCharge, null)),
        };
        var document = invoice is null ? null : InvoiceDocument.Of(invoice, language);
        var culture = MoneyText.CultureOf(language);
        return new EmailHtmlView(
            locale,
            "Invoice 'INV-2026-000123' & more",
            $"Hello + welcome, 1\u00a0000 {Link}",
            TestInvoices.Issuer.Name,
            "Hi Olivia \u202f,",
            [EmailParagraph.Of($"See {Link} or not.", Link), EmailParagraph.Of("No link <here>.")],
            invoice is null || document is null ? null : new EmailInvoiceView(
                document, MoneyText.Format(invoice.Total, culture), invoice.Status.ToString(), tone == "transfer" || tone == "reverse-charge" ? "open" : tone,
                new DocumentField("Amount due", MoneyText.Format(invoice.AmountDue, culture))),
            new EmailButton("View invoice", Link),
            EmailParagraph.Of($"If the button does not work: {Link}", Link),
            "Thanks,",
            "You get this email because you are the billing owner.",
            [TestInvoices.Issuer.Name, "Keizersgracht 1", TestInvoices.Issuer.Email]);
    }
}
