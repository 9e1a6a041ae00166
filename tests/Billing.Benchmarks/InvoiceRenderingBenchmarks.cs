using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Infra.Invoices;

namespace Billing.Benchmarks;

/// <summary>Invoice PDFs per second and bytes per invoice: one page in Latin script, one page in zh-TW, five pages.</summary>
[MemoryDiagnoser]
public class InvoiceRenderingBenchmarks
{
    private readonly InvoicePdf _renderer = new();
    private Invoice _latin = null!;
    private Invoice _chinese = null!;
    private Invoice _fivePages = null!;

    [GlobalSetup]
    public void Setup()
    {
        _latin = Build("en-US", "Søren Ødegård", 3);
        _chinese = Build("zh-TW", "王小明", 3);
        _fivePages = Build("fr-FR", "Zoë Ångström", 120);
        foreach (var (name, invoice) in new[] { ("latin", _latin), ("zh-TW", _chinese), ("five pages", _fivePages) })
        {
            Console.WriteLine($"// {name}: {_renderer.RenderPdf(invoice).Length} bytes");
        }
    }

    [Benchmark]
    public byte[] OnePageLatin() => _renderer.RenderPdf(_latin);

    [Benchmark]
    public byte[] OnePageTraditionalChinese() => _renderer.RenderPdf(_chinese);

    [Benchmark]
    public byte[] FivePages() => _renderer.RenderPdf(_fivePages);

    private static Invoice Build(string locale, string name, int lines)
    {
        var start = new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);
        var period = new BillingPeriod(start, start.AddMonths(1));
        var price = Money.Of(2499, Currency.Eur);
        var all = Enumerable.Range(0, lines)
            .Select(i => new InvoiceLine(InvoiceLineKind.ProratedCharge, TierId.Parse("advanced"), "Advanced", BillingCycle.Monthly, 1 + i, period, price, price * (1 + i)))
            .ToImmutableArray();
        var issuer = new Issuer("Collab Billing B.V.", new PostalAddress("Keizersgracht 1", null, "Amsterdam", "1015 AA", null, "NL"), "NL0B01", "billing@collab.example", "INV", null);
        var draft = new InvoiceDraft(
            InvoiceId.Parse("sub-1-p1"), SpaceId.Parse("space-1"), SubscriptionId.Parse("sub-1"), InvoiceKind.Renewal, start, start, period,
            new BillingInfo(name, "ap@acme.test", new PostalAddress("Damrak 70", null, "Amsterdam", "1012 LM", null, "NL"), null, Locale.Parse(locale)),
            all, new Billing.Core.Tax.TaxTreatment(new TaxRate(2100), Billing.Core.Tax.TaxReason.HomeCountry, null), Currency.Eur, PaymentMethod.Saved(PaymentProvider.Stripe, "pm_1", new PaymentMethodSummary("visa", "4242", 1, 2030, null)));
        return Invoice.Issue(draft, start).NumberAs(issuer, new InvoiceNumber("INV", 2026, 1));
    }
}
