using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Tax;

namespace Billing.Infra.Tests.Invoices;

/// <summary>Reference invoices to render: fixed dates and amounts, so renderings can be compared.</summary>
internal static class TestInvoices
{
    public static readonly DateTimeOffset IssuedAt = new(2026, 1, 31, 9, 30, 0, TimeSpan.Zero);

    public static readonly Issuer Issuer = new(
        "Collab Billing B.V.",
        new PostalAddress("Keizersgracht 1", null, "Amsterdam", "1015 AA", null, "NL"),
        "NL000000000B01",
        "billing@collab.example",
        "INV",
        new BankDetails("Collab Billing B.V.", "NL00BANK0123456789", "BANKNL2A", null));

    public static Invoice Reference(
        string locale, string name = "Acme B.V.", string country = "NL", int lines = 0, PaymentMethod? method = null, TaxTreatment? taxation = null, TaxId? taxId = null, Currency? currency = null)
    {
        var period = new BillingPeriod(IssuedAt, IssuedAt.AddMonths(1));
        var money = currency ?? Currency.Eur;
        var advanced = Money.Of(2499, money);
        var starter = Money.Of(1099, money);
        var half = new BillingPeriod(IssuedAt.AddDays(14), period.End);
        var all = new List<InvoiceLine>
        {
            new(InvoiceLineKind.Plan, TierId.Parse("advanced"), "Advanced", BillingCycle.Monthly, 12, period, advanced, advanced * 12),
            new(InvoiceLineKind.ProratedCharge, TierId.Parse("advanced"), "Advanced", BillingCycle.Monthly, 3, half, advanced, Money.Of(3749, money)),
            new(InvoiceLineKind.ProratedCredit, TierId.Parse("starter"), "Starter", BillingCycle.Monthly, 5, half, starter, Money.Of(-2749, money)),
        };
        for (var i = 0; i < lines; i++)
        {
            all.Add(new InvoiceLine(InvoiceLineKind.ProratedCharge, TierId.Parse("advanced"), "Advanced", BillingCycle.Monthly, 1, half, advanced, Money.Of(1250 + i, money)));
        }

        var draft = new InvoiceDraft(
            InvoiceId.Parse("sub-1-p20260131093000"),
            SpaceId.Parse("space-1"),
            SubscriptionId.Parse("sub-1"),
            InvoiceKind.Renewal,
            IssuedAt,
            IssuedAt.AddDays(30),
            period,
            new BillingInfo(name, "ap@acme.example", new PostalAddress("Damrak 70", "4th floor", "Amsterdam", "1012 LM", null, country), taxId ?? new TaxId("NL123456789B01", TaxIdStatus.Valid), Locale.Parse(locale)),
            [.. all],
            taxation ?? new TaxTreatment(new TaxRate(2100), TaxReason.HomeCountry, null),
            money,
            method ?? PaymentMethod.Saved(PaymentProvider.Stripe, "pm_1", new PaymentMethodSummary("visa", "4242", 12, 2030, null)));
        return Invoice.Issue(draft, IssuedAt).NumberAs(Issuer, new InvoiceNumber("INV", 2026, 123));
    }

    /// <summary>
    /// The credit note of 25.00 given back on the paid reference invoice, as core words a partial refund (V5): one line,
    /// 1 x the net, the tax its share of the invoice's (4.34 at 21 %), numbered CN-2026-000008.
    /// </summary>
    public static Invoice PartialRefund(string locale, TaxTreatment? taxation = null, PaymentMethod? method = null)
    {
        var invoice = Reference(locale, taxation: taxation, method: method).MarkPaid(IssuedAt, "pi_1");
        var tax = Money.Of(Rounding.DivideHalfAwayFromZero((Int128)invoice.Tax.Amount * 2500, invoice.Total.Amount), invoice.Total.Currency);
        var net = Money.Of(2500, invoice.Total.Currency) - tax;
        var first = invoice.Content.Lines[0];
        var refund = new InvoiceLine(InvoiceLineKind.Refund, first.Tier, first.TierName, first.Cycle, 1, invoice.Content.Period, net, -net);
        return CreditNote(invoice, "r1", [refund], -tax, 8);
    }

    /// <summary>The credit note of the open reference invoice voided (V5): its lines and tax, negative, numbered CN-2026-000007.</summary>
    public static Invoice Voided(string locale) =>
        CreditNote(Reference(locale), "v", [.. Reference(locale).Content.Lines.Select(l => l with { Amount = -l.Amount })], -Reference(locale).Tax, 7);

    private static Invoice CreditNote(Invoice invoice, string suffix, ImmutableArray<InvoiceLine> lines, Money tax, int sequence)
    {
        var draft = invoice.Content with
        {
            Id = InvoiceId.Parse($"{invoice.Id}-{suffix}"),
            Kind = InvoiceKind.CreditNote,
            Lines = lines,
            Credits = invoice.Id,
            CreditsNumber = invoice.Number,
            StatedTax = tax,
        };
        return Invoice.Issue(draft, IssuedAt).NumberAs(Issuer, new InvoiceNumber("CN", 2026, sequence));
    }
}
