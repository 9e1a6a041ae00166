using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Infra.Email;
using Billing.Infra.Invoices;
using Billing.Infra.Tests.Invoices;
using MimeKit;

namespace Billing.Infra.Tests.Email;

public class EmailComposerTests
{
    private static readonly Uri InvoicePage = new("https://app.example.test/billing/space-1/invoices/sub-1-p20260131093000");
    private static readonly Uri BillingTab = new("https://app.example.test/billing/space-1");
    private static readonly EmailComposer Composer = new(new EmailOptions(), TestInvoices.Issuer);

    public static TheoryData<EmailKind, string> EveryKindInEveryLanguage()
    {
        var data = new TheoryData<EmailKind, string>();
        foreach (var kind in Enum.GetValues<EmailKind>())
        {
            foreach (var locale in new[] { "en-US", "fr-FR", "nl-NL", "sv-SE", "id-ID", "zh-TW" })
            {
                data.Add(kind, locale);
            }
        }

        return data;
    }

    [Theory]
    [Trait("Rule", "V4")]
    [MemberData(nameof(EveryKindInEveryLanguage))]
    public void Every_email_has_a_styled_html_part_of_one_600px_column_with_inline_styles_a_button_and_its_text_part(EmailKind kind, string locale)
    {
        var invoice = AboutAnInvoice(kind) ? TestInvoices.Reference("en-US") : null;
        var message = Compose(kind, locale, invoice);
        var link = (invoice is null ? BillingTab : InvoicePage).ToString();
        WritePreview(message, $"{kind}-{locale}");

        var html = Parse(message);
        Assert.Equal(locale, html.DocumentElement.GetAttribute("lang"));
        Assert.Empty(html.QuerySelectorAll("style")); // every rule was moved inline
        Assert.Contains(html.QuerySelectorAll("table"), t => Style(t).Contains("max-width: 600px", StringComparison.Ordinal));
        var button = Assert.Single(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == link && Style(a).Contains("padding", StringComparison.Ordinal));
        Assert.Contains("color: #ffffff", Style(button), StringComparison.Ordinal);
        Assert.Contains("background-color", Style(button.ParentElement!), StringComparison.Ordinal);
        Assert.Equal(ButtonLabel(kind, locale, invoice is not null), button.TextContent);
        Assert.Contains("font-family", Style(html.QuerySelector("h1")!.ParentElement!), StringComparison.Ordinal);
        Assert.Equal(message.Subject, html.QuerySelector("h1")!.TextContent);

        Assert.False(string.IsNullOrWhiteSpace(message.TextBody));
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "B4")]
    public void The_invoice_email_shows_the_lines_subtotal_tax_total_and_amount_due_in_the_recipients_language()
    {
        var open = TestInvoices.Reference("en-US");
        var html = Parse(Compose(EmailKind.Invoice, "nl-NL", open));
        var text = html.Body!.TextContent;
        foreach (var expected in new[] { "Subtotaal", "Btw (21 %)", "Totaal", "Te betalen", "Factuur INV-2026-000123", "Open", "Factuur bekijken" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        // 12 x 24,99 + 37,49 - 27,49 = 309,88; 21 % tax 65,07; total 374,95, all of it due.
        var totals = html.QuerySelectorAll("tr").Select(r => r.TextContent).ToList();
        Assert.Contains(totals, r => r.Contains("Subtotaal", StringComparison.Ordinal) && r.Contains("309,88", StringComparison.Ordinal));
        Assert.Contains(totals, r => r.Contains("Btw", StringComparison.Ordinal) && r.Contains("65,07", StringComparison.Ordinal));
        Assert.Contains(totals, r => r.StartsWith("Totaal", StringComparison.Ordinal) && r.Contains("374,95", StringComparison.Ordinal));
        Assert.Contains(totals, r => r.StartsWith("Te betalen", StringComparison.Ordinal) && r.Contains("374,95", StringComparison.Ordinal));
        var lines = html.QuerySelectorAll("td").Where(td => td.QuerySelector("td") is null).Select(td => td.TextContent).ToList();
        Assert.Equal(3, lines.Count(t => t.Contains("Advanced", StringComparison.Ordinal) || t.Contains("Starter", StringComparison.Ordinal)));
    }

    [Fact]
    [Trait("Rule", "V6")]
    public void The_bill_to_country_in_the_email_is_named_in_the_readers_language()
    {
        var message = Compose(EmailKind.Invoice, "nl-NL", TestInvoices.Reference("en-US", country: "DE"));
        var billTo = Parse(message).QuerySelectorAll("p").Single(p => p.TextContent.Contains("Damrak 70", StringComparison.Ordinal)).TextContent;
        Assert.Contains("Duitsland", billTo, StringComparison.Ordinal);
        Assert.DoesNotContain("Germany", billTo, StringComparison.Ordinal);
        Assert.Contains("Duitsland", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "T1")]
    public void A_reverse_charge_invoice_email_carries_the_mention_in_the_readers_language()
    {
        var reverseCharge = new Billing.Core.Tax.TaxTreatment(Billing.Core.Amounts.TaxRate.None, Billing.Core.Tax.TaxReason.ReverseCharge, null);
        var message = Compose(EmailKind.Invoice, "fr-FR", TestInvoices.Reference("en-US", country: "DE", taxation: reverseCharge));
        const string mention = "Autoliquidation : TVA due par le preneur, article 196 de la directive 2006/112/CE.";
        Assert.Contains(mention, Parse(message).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(mention, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "B4")]
    public void A_paid_invoice_has_nothing_left_to_pay()
    {
        var paid = TestInvoices.Reference("en-US").MarkPaid(TestInvoices.IssuedAt);
        var rows = Parse(Compose(EmailKind.Invoice, "en-US", paid)).QuerySelectorAll("tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.StartsWith("Amount due", StringComparison.Ordinal) && r.Contains("0.00", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "V4")]
    public void Traditional_chinese_readers_get_the_whole_email_in_chinese()
    {
        var html = Parse(Compose(EmailKind.Invoice, "zh-TW", TestInvoices.Reference("en-US")));
        var text = html.Body!.TextContent;
        Assert.Contains("查看發票", text, StringComparison.Ordinal);
        Assert.Contains("應付金額", text, StringComparison.Ordinal);
        Assert.Contains("小計", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Subtotal", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> CreditNoteWords => new()
    {
        { "en-US", "is refunded to your Visa card ending in 4242", "Invoice INV-2026-000123 for Acme workspace is cancelled by the attached credit note CN-2026-000007: nothing is owed on it." },
        { "fr-FR", "est versé sur votre carte Visa se terminant par 4242", "La facture INV-2026-000123 pour Acme workspace est annulée par l'avoir CN-2026-000007 ci-joint : plus rien n'est dû à ce titre." },
        { "nl-NL", "wordt teruggestort op uw Visa-kaart eindigend op 4242", "Factuur INV-2026-000123 voor Acme workspace is geannuleerd met de bijgevoegde creditnota CN-2026-000007: u bent hiervoor niets meer verschuldigd." },
        { "sv-SE", "återbetalas till ditt Visa-kort som slutar på 4242", "Faktura INV-2026-000123 för Acme workspace är makulerad genom den bifogade kreditnotan CN-2026-000007: inget ska betalas för den." },
        { "id-ID", "dikembalikan ke kartu Visa Anda berakhiran 4242", "Faktur INV-2026-000123 untuk Acme workspace dibatalkan dengan nota kredit CN-2026-000007 terlampir: tidak ada lagi yang harus dibayar untuk faktur ini." },
        { "zh-TW", "將退回至您末四碼 4242 的 Visa 卡", "Acme workspace 的發票 INV-2026-000123 已由隨信附上的貸項通知單 CN-2026-000007 作廢：此發票無須再付任何款項。" },
    };

    [Theory]
    [Trait("Rule", "V5")]
    [Trait("Rule", "V4")]
    [MemberData(nameof(CreditNoteWords))]
    public void A_refunds_credit_note_email_says_where_the_money_goes_back_and_a_voids_says_the_invoice_is_cancelled_and_neither_says_the_other(string locale, string refundedTo, string cancelled)
    {
        var refund = Compose(EmailKind.CreditNote, locale, TestInvoices.PartialRefund("en-US"));
        var voided = Compose(EmailKind.InvoiceVoided, locale, TestInvoices.Voided("en-US"));
        WritePreview(refund, $"CreditNote-refund-{locale}");
        WritePreview(voided, $"CreditNote-void-{locale}");

        foreach (var text in new[] { refund.TextBody, Parse(refund).Body!.TextContent })
        {
            Assert.Contains(refundedTo, text, StringComparison.Ordinal);
            Assert.Contains("INV-2026-000123", text, StringComparison.Ordinal);
            Assert.Contains("25", text, StringComparison.Ordinal);
            Assert.DoesNotContain(cancelled, text, StringComparison.Ordinal);
        }

        foreach (var text in new[] { voided.TextBody, Parse(voided).Body!.TextContent })
        {
            Assert.Contains(cancelled, text, StringComparison.Ordinal);
            Assert.DoesNotContain(refundedTo, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [Trait("Rule", "V5")]
    [InlineData("paypal", "is refunded to your PayPal account.")]
    [InlineData("invoice", "is refunded to your bank account.")]
    public void A_refund_goes_back_to_the_paypal_account_or_the_bank_account_that_paid(string provider, string refundedTo)
    {
        var method = provider == "invoice"
            ? Billing.Core.Payments.PaymentMethod.ByInvoice
            : Billing.Core.Payments.PaymentMethod.Saved(Billing.Core.Payments.PaymentProvider.PayPal, "ba_1", new Billing.Core.Payments.PaymentMethodSummary(null, null, null, null, "olivia@example.test"));
        var message = Compose(EmailKind.CreditNote, "en-US", TestInvoices.PartialRefund("en-US", method: method));
        Assert.Contains(refundedTo, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Please transfer", message.TextBody, StringComparison.Ordinal); // nobody owes a credit note
    }

    [Theory]
    [Trait("Rule", "V5")]
    [InlineData("en-US", "View credit note")]
    [InlineData("fr-FR", "Voir l'avoir")]
    public void A_credit_notes_email_owes_nothing_and_its_button_opens_the_credit_note(string locale, string button)
    {
        foreach (var (kind, creditNote) in new[] { (EmailKind.CreditNote, TestInvoices.PartialRefund("en-US")), (EmailKind.InvoiceVoided, TestInvoices.Voided("en-US")) })
        {
            var html = Parse(Compose(kind, locale, creditNote));
            var dueLabel = EmailStrings.For(Locale.Parse(locale).Language).Html.AmountDue;
            Assert.DoesNotContain(html.QuerySelectorAll("tr"), r => r.TextContent.StartsWith(dueLabel, StringComparison.Ordinal));
            Assert.Equal(button, Assert.Single(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == InvoicePage.ToString() && Style(a).Contains("padding", StringComparison.Ordinal)).TextContent);
        }
    }

    [Fact]
    [Trait("Rule", "V5")]
    public void A_credit_notes_email_shows_it_issued_not_paid()
    {
        var html = Parse(Compose(EmailKind.CreditNote, "en-US", TestInvoices.PartialRefund("en-US")));
        var badge = html.QuerySelectorAll("span, td").Where(e => e.Children.Length == 0).Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Issued", badge);
        Assert.DoesNotContain("Paid", badge);
    }

    [Fact]
    public void What_people_typed_is_escaped_in_the_html()
    {
        var invoice = TestInvoices.Reference("en-US", name: "<b>Acme</b> & \"Sons\"");
        var email = new SendEmail(EmailKind.Invoice, UserId.Parse("olivia"), "olivia@example.test", Locale.Parse("en-US"), invoice.Id);
        var message = Composer.Compose(email, new EmailFacts("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", invoice, null, null, null, InvoicePage), "k").Message;
        var raw = message.HtmlBody;
        Assert.DoesNotContain("<script", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", raw, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", raw, StringComparison.Ordinal);
        var html = Parse(message);
        Assert.Empty(html.QuerySelectorAll("script, img, b"));
        Assert.Contains("<b>Acme</b> & \"Sons\"", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", html.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
    }

    private static bool AboutAnInvoice(EmailKind kind) => kind is EmailKind.Invoice or EmailKind.PaymentFailed or EmailKind.PaymentActionRequired or EmailKind.SeatsIncreasedAutomatically or EmailKind.CreditNote or EmailKind.InvoiceVoided;

    private static string ButtonLabel(EmailKind kind, string locale, bool aboutAnInvoice)
    {
        var words = EmailStrings.For(Locale.Parse(locale).Language).Html;
        return kind == EmailKind.PaymentActionRequired ? words.ConfirmPayment : aboutAnInvoice ? words.ViewInvoice : words.OpenBilling;
    }

    private static MimeMessage Compose(EmailKind kind, string locale, Invoice? invoice)
    {
        var email = new SendEmail(kind, UserId.Parse("olivia"), "olivia@example.test", Locale.Parse(locale), invoice?.Id);
        var facts = new EmailFacts("Acme workspace", "Olivia", invoice, null, 10, TestInvoices.IssuedAt.AddDays(3), invoice is null ? BillingTab : InvoicePage);
        return Composer.Compose(email, facts, $"{kind}-{locale}").Message;
    }

    private static IDocument Parse(MimeMessage message) => new HtmlParser().ParseDocument(message.HtmlBody!);

    private static string Style(IElement element) => element.GetAttribute("style") ?? string.Empty;

    /// <summary>The rendered emails, to look at (e.g. with Chromium's --screenshot): bin/.../email-previews.</summary>
    private static void WritePreview(MimeMessage message, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "email-previews"));
        File.WriteAllText(Path.Combine(folder.FullName, $"{name}.html"), message.HtmlBody);
    }
}
