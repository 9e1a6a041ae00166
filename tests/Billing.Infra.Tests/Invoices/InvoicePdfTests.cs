using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Infra.Invoices;
using UglyToad.PdfPig;

namespace Billing.Infra.Tests.Invoices;

public class InvoicePdfTests
{
    private static readonly InvoicePdf Renderer = new();

    public static TheoryData<string, string[]> Languages => new()
    {
        { "en-GB", ["Invoice", "Invoice number", "Subtotal", "Total", "31 Jan 2026", "EUR 299.88", "EUR 374.95", "Visa ending in 4242", "Credit for unused time"] },
        { "fr-FR", ["Facture", "Numéro de facture", "Sous-total", "Total", "31 janv. 2026", "374,95", "Visa se terminant par 4242", "Avoir pour la période non utilisée"] },
        { "nl-NL", ["Factuur", "Factuurnummer", "Subtotaal", "Totaal", "31 jan 2026", "374,95", "Visa eindigend op 4242", "Tegoed voor ongebruikte tijd"] },
        { "sv-SE", ["Faktura", "Fakturanummer", "Delsumma", "Totalt", "31 jan. 2026", "374,95", "Visa som slutar på 4242", "Kredit för outnyttjad tid"] },
        { "id-ID", ["Faktur", "Nomor faktur", "Subtotal", "Total", "31 Jan 2026", "374,95", "Visa berakhiran 4242", "Kredit untuk waktu yang tidak terpakai"] },
        { "zh-TW", ["發票", "發票號碼", "小計", "總計", "2026年1月31日", "374.95", "Visa 末四碼 4242", "未使用期間的抵免"] },
    };

    [Theory]
    [Trait("Rule", "V4")]
    [MemberData(nameof(Languages))]
    public void The_pdf_speaks_the_billing_owners_language_with_their_dates_and_numbers(string locale, string[] expected)
    {
        var text = Text(Renderer.RenderPdf(TestInvoices.Reference(locale)));
        Assert.Contains("INV-2026-000123", text, StringComparison.Ordinal);
        Assert.Contains("Acme B.V.", text, StringComparison.Ordinal);
        Assert.Contains("Collab Billing B.V.", text, StringComparison.Ordinal);
        foreach (var words in expected)
        {
            Assert.Contains(words, text, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string, string, string> CreditNoteLanguages => new()
    {
        { "en-GB", "Credit note", "Credit note number", "Credits invoice" },
        { "fr-FR", "Avoir", "Numéro d'avoir", "Avoir sur la facture" },
        { "nl-NL", "Creditnota", "Creditnotanummer", "Crediteert factuur" },
        { "sv-SE", "Kreditnota", "Kreditnotanummer", "Krediterar faktura" },
        { "id-ID", "Nota kredit", "Nomor nota kredit", "Mengkredit faktur" },
        { "zh-TW", "貸項通知單", "貸項通知單號碼", "沖銷發票" },
    };

    [Theory]
    [Trait("Rule", "V5")]
    [Trait("Rule", "V4")]
    [MemberData(nameof(CreditNoteLanguages))]
    public void A_credit_note_speaks_the_billing_owners_language_numbers_itself_as_a_credit_note_with_no_due_date_and_names_the_number_of_the_invoice_it_credits(
        string locale, string title, string numberLabel, string credits)
    {
        var invoice = TestInvoices.Reference(locale).MarkPaid(TestInvoices.IssuedAt, "pi_1");
        var draft = invoice.Content with
        {
            Id = Billing.Core.Common.InvoiceId.Parse($"{invoice.Id}-v"),
            Kind = InvoiceKind.CreditNote,
            Lines = [.. invoice.Content.Lines.Select(l => l with { Amount = -l.Amount })],
            Credits = invoice.Id,
            CreditsNumber = invoice.Number,
            StatedTax = -invoice.Tax,
        };
        var note = Invoice.Issue(draft, TestInvoices.IssuedAt).NumberAs(TestInvoices.Issuer, new InvoiceNumber("CN", 2026, 7));

        var text = Text(Renderer.RenderPdf(note));

        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains(credits, text, StringComparison.Ordinal);
        Assert.Contains(numberLabel, text, StringComparison.Ordinal);
        Assert.DoesNotContain(InvoiceStrings.For(Billing.Core.Common.Locale.Parse(locale).Language).DueDate, text, StringComparison.Ordinal); // nobody owes a credit note
        Assert.Contains("CN-2026-000007", text, StringComparison.Ordinal);
        Assert.Contains("INV-2026-000123", text, StringComparison.Ordinal); // the credited invoice's number, not its id
        Assert.DoesNotContain(invoice.Id.Value, text, StringComparison.Ordinal);
        Assert.Matches(@"[-−]\s?(EUR\s?|€\s?)?374[.,]95", text);
    }

    public static TheoryData<string, string, string, string, string> PartialRefundLanguages => new()
    {
        { "en-GB", "Refund of invoice INV-2026-000123", "Issued", "Paid", "EUR 20.66" },
        { "fr-FR", "Remboursement de la facture INV-2026-000123", "Émis", "Payée", "20,66" },
        { "nl-NL", "Terugbetaling van factuur INV-2026-000123", "Uitgegeven", "Betaald", "20,66" },
        { "sv-SE", "Återbetalning av faktura INV-2026-000123", "Utfärdad", "Betald", "20,66" },
        { "id-ID", "Pengembalian dana faktur INV-2026-000123", "Diterbitkan", "Lunas", "20,66" },
        { "zh-TW", "發票 INV-2026-000123 退款", "已開立", "已付款", "20.66" },
    };

    [Theory]
    [Trait("Rule", "V5")]
    [Trait("Rule", "V4")]
    [MemberData(nameof(PartialRefundLanguages))]
    public void A_partial_refunds_credit_note_prints_one_refund_line_of_1_x_the_net_and_reads_issued_not_paid(string locale, string refundOf, string issued, string paid, string net)
    {
        var note = TestInvoices.PartialRefund(locale);

        var text = Text(Renderer.RenderPdf(note));

        Assert.Contains(refundOf, text, StringComparison.Ordinal);
        Assert.Matches($@"\b1 (EUR\s?)?{System.Text.RegularExpressions.Regex.Escape(net)}", text.Replace(' ', ' ')); // 1 x the net...
        Assert.Matches($@"[-−]\s?(EUR\s?)?{System.Text.RegularExpressions.Regex.Escape(net)}", text.Replace(' ', ' ')); // ...given back
        Assert.DoesNotContain("Advanced", text, StringComparison.Ordinal); // not the invoice's seats and seat prices beside a share of them
        Assert.DoesNotContain("24,99", text.Replace("24.99", "24,99", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(issued, text, StringComparison.Ordinal);
        Assert.DoesNotContain(paid, text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "V5")]
    [Trait("Rule", "T1")]
    public void A_partial_refunds_credit_note_under_reverse_charge_prints_no_tax_and_the_mention()
    {
        var note = TestInvoices.PartialRefund("en-GB", new Billing.Core.Tax.TaxTreatment(new Billing.Core.Amounts.TaxRate(0), Billing.Core.Tax.TaxReason.ReverseCharge, null));

        var text = Text(Renderer.RenderPdf(note));

        Assert.Contains("Reverse charge", text, StringComparison.Ordinal);
        Assert.Contains("Refund of invoice INV-2026-000123 1 EUR 25.00 -EUR 25.00", text.Replace('−', '-'), StringComparison.Ordinal);
        Assert.Contains("Tax EUR 0.00", text, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "V2")]
    [InlineData("王小明")]
    [InlineData("Søren Ødegård-Müller")]
    [InlineData("Łukasz Žółć")]
    [InlineData("陳大文 & Zoë Ångström")]
    public void Names_in_any_script_survive_into_the_text(string name)
    {
        var text = Text(Renderer.RenderPdf(TestInvoices.Reference("en-US", name)));
        Assert.Contains(name, text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "V2")]
    public void A_long_invoice_flows_onto_further_pages_with_the_table_header_and_page_numbers()
    {
        using var document = PdfDocument.Open(Renderer.RenderPdf(TestInvoices.Reference("en-US", lines: 150)));
        Assert.True(document.NumberOfPages >= 4);
        foreach (var page in document.GetPages())
        {
            var text = string.Join(" ", page.GetWords().Select(w => w.Text));
            Assert.Contains("Description", text, StringComparison.Ordinal);
            Assert.Contains($"Page {page.Number} of {document.NumberOfPages}", text, StringComparison.Ordinal);
            Assert.Contains("INV-2026-000123", text, StringComparison.Ordinal);
        }

        var last = string.Join(" ", document.GetPage(document.NumberOfPages).GetWords().Select(w => w.Text));
        Assert.Contains("Total", last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("US", 612, 792)]
    [InlineData("CA", 612, 792)]
    [InlineData("NL", 595, 842)]
    [InlineData("TW", 595, 842)]
    public void The_page_is_letter_in_north_america_and_a4_elsewhere(string country, double width, double height)
    {
        using var document = PdfDocument.Open(Renderer.RenderPdf(TestInvoices.Reference("en-US", country: country)));
        var page = document.GetPage(1);
        Assert.Equal((width, height), (Math.Round(page.Width), Math.Round(page.Height)));
    }

    [Fact]
    public void The_pdf_carries_title_author_and_the_issue_date_and_is_the_same_every_time()
    {
        var invoice = TestInvoices.Reference("en-US");
        var first = Renderer.RenderPdf(invoice);
        Assert.Equal(first, Renderer.RenderPdf(invoice));
        using var document = PdfDocument.Open(first);
        Assert.Equal("Invoice INV-2026-000123", document.Information.Title);
        Assert.Equal("Collab Billing B.V.", document.Information.Author);
        Assert.StartsWith("D:20260131", document.Information.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_page_latin_invoice_stays_under_100_kb()
    {
        var pdf = Renderer.RenderPdf(TestInvoices.Reference("en-US"));
        Assert.InRange(pdf.Length, 1, 100 * 1024);
    }

    [Fact]
    [Trait("Rule", "I1")]
    public void Payment_by_invoice_prints_the_bank_details_and_the_due_date()
    {
        var text = Text(Renderer.RenderPdf(TestInvoices.Reference("en-US", method: PaymentMethod.ByInvoice)));
        Assert.Contains("Bank transfer", text, StringComparison.Ordinal);
        Assert.Contains("NL00BANK0123456789", text, StringComparison.Ordinal);
        Assert.Contains("2 Mar 2026", text, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "V2")]
    [InlineData(InvoiceStatus.Paid, "Paid")]
    [InlineData(InvoiceStatus.PastDue, "Past due")]
    [InlineData(InvoiceStatus.Void, "Void")]
    public void The_status_is_printed(InvoiceStatus status, string word)
    {
        var open = TestInvoices.Reference("en-US");
        var invoice = status switch
        {
            InvoiceStatus.Paid => open.MarkPaid(open.Content.IssuedAt),
            InvoiceStatus.PastDue => open.MarkPastDue(),
            InvoiceStatus.Void => open.MarkVoid(),
            _ => open,
        };
        var text = Text(Renderer.RenderPdf(invoice));
        Assert.Contains(word, text, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "V4")]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("nl-NL")]
    [InlineData("sv-SE")]
    [InlineData("id-ID")]
    [InlineData("zh-TW")]
    public void The_text_layout_of_the_reference_invoice_matches_its_snapshot(string locale)
    {
        using var document = PdfDocument.Open(Renderer.RenderPdf(TestInvoices.Reference(locale)));
        var lines = document.GetPages().SelectMany(p => p.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(g => g.Key)
            .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))));
        var actual = string.Join("\n", lines) + "\n";
        var path = Path.Combine(SnapshotFolder(), $"invoice.{locale}.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }

    internal static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    // The snapshots live in the source tree, next to this file.
    private static string SnapshotFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Snapshots");
}
