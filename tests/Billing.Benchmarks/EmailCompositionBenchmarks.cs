using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Infra.Email;
using Billing.Infra.Invoices;
using MimeKit;

namespace Billing.Benchmarks;

/// <summary>
/// A renewal's receipt email: composed (text, HTML from the template with its styles inlined, MIME with
/// the PDF attached), and written out as SMTP sends it; and its HTML part alone, inlined as sent
/// (the style sheet parsed once) and by PreMailer.Net parsing the sheet each time, as before.
/// </summary>
[MemoryDiagnoser]
public class EmailCompositionBenchmarks
{
    private static readonly Uri InvoicePage = new("https://app.example.test/billing/space-1/invoices/sub-1-p1");
    private readonly EmailComposer _composer = new(new EmailOptions(), Issuer);
    private SendEmail _email = null!;
    private EmailFacts _facts = null!;
    private OutgoingEmail _composed = null!;
    private EmailHtmlView _view = null!;

    private static Issuer Issuer => new("Collab Billing B.V.", new PostalAddress("Keizersgracht 1", null, "Amsterdam", "1015 AA", null, "NL"), "NL0B01", "billing@collab.example", "INV", null);

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);
        var period = new BillingPeriod(start, start.AddMonths(1));
        var price = Money.Of(2499, Currency.Eur);
        var line = new InvoiceLine(InvoiceLineKind.Plan, TierId.Parse("advanced"), "Advanced", BillingCycle.Monthly, 10, period, price, price * 10);
        var draft = new InvoiceDraft(
            InvoiceId.Parse("sub-1-p1"), SpaceId.Parse("space-1"), SubscriptionId.Parse("sub-1"), InvoiceKind.Renewal, start, start, period,
            new BillingInfo("Acme", "ap@acme.test", new PostalAddress("Damrak 70", null, "Amsterdam", "1012 LM", null, "NL"), null, Locale.English),
            [line], new Billing.Core.Tax.TaxTreatment(new TaxRate(2100), Billing.Core.Tax.TaxReason.HomeCountry, null), Currency.Eur,
            PaymentMethod.Saved(PaymentProvider.Stripe, "pm_1", new PaymentMethodSummary("visa", "4242", 1, 2030, null)));
        var invoice = Invoice.Issue(draft, start).NumberAs(Issuer, new InvoiceNumber("INV", 2026, 1)).MarkPaid(start);
        _email = new SendEmail(EmailKind.Invoice, UserId.Parse("u0"), "ap@acme.test", Locale.English, invoice.Id);
        _facts = new EmailFacts("Acme", "Ada", invoice, new InvoicePdf().RenderPdf(invoice), 10, null, InvoicePage);
        _composed = Receipt();
        var document = InvoiceDocument.Of(invoice, Locale.English);
        var link = InvoicePage.ToString();
        _view = new EmailHtmlView(
            "en", "Your invoice INV-2026-000001", "Your invoice", Issuer.Name, "Hello Ada,", [EmailParagraph.Of($"Your invoice is at {link}.", link)],
            new EmailInvoiceView(document, "€302.38", "Paid", "paid", new DocumentField("Amount due", "€0.00")),
            new EmailButton("View invoice", link), EmailParagraph.Of($"Or open {link}", link), "Thanks,", "You are the billing owner.", [Issuer.Name, Issuer.Email]);
        Console.WriteLine($"// receipt: {Written()} bytes as sent; HTML {Html().Length} chars, the same as PreMailer's: {Html() == HtmlWithSheetParsedEachTime()}");
    }

    /// <summary>The whole composition: what the server does for a renewal's receipt before SMTP.</summary>
    [Benchmark]
    public OutgoingEmail Receipt() => _composer.Compose(_email, _facts, "space-1/row-1");

    /// <summary>The HTML part as sent: the template rendered, the style sheet (parsed once) moved inline.</summary>
    [Benchmark]
    public string Html() => EmailHtml.Render(_view);

    /// <summary>The same HTML as PreMailer.Net's <c>MoveCssInline</c> gives it, parsing the style sheet on every call (the way before).</summary>
    [Benchmark]
    public string HtmlWithSheetParsedEachTime()
    {
        using var inliner = new PreMailer.Net.PreMailer(EmailHtml.RenderStyled(_view));
        return inliner.MoveCssInline(removeStyleElements: true, stripIdAndClassAttributes: true, removeComments: false).Html;
    }

    /// <summary>The composed message written out as MailKit's SMTP client writes it (base64 of the PDF).</summary>
    [Benchmark]
    public long Written()
    {
        using var counter = new MimeKit.IO.MeasuringStream();
        _composed.Message.WriteTo(FormatOptions.Default, counter);
        return counter.Length;
    }
}
