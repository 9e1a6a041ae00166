using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Tax;
using FsCheck;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Properties;

public class MoneyProperties
{
    [Property(MaxTest = 500)]
    [Trait("Rule", "M2")]
    public bool Rounding_agrees_with_decimal_half_away_from_zero(int dividend, PositiveInt divisor) =>
        Rounding.DivideHalfAwayFromZero(dividend, divisor.Get) == (long)Math.Round((decimal)dividend / divisor.Get, MidpointRounding.AwayFromZero);

    [Property(MaxTest = 500)]
    [Trait("Rule", "M2")]
    public bool A_prorated_amount_is_within_half_a_minor_unit_of_the_exact_value(int amount, NonNegativeInt part, PositiveInt whole)
    {
        var numerator = Math.Min(part.Get, whole.Get);
        var result = Money.Of(amount, Currency.Usd).MultiplyByFraction(numerator, whole.Get).Amount;
        var exact = (decimal)amount * numerator / whole.Get;
        return Math.Abs(result - exact) <= 0.5m;
    }

    [Property(MaxTest = 300)]
    [Trait("Rule", "V2")]
    public bool An_invoice_total_is_its_lines_plus_the_tax_rounded_once(int[] amounts, NonNegativeInt basisPoints)
    {
        var rate = new TaxRate(basisPoints.Get % 10_001);
        var period = new BillingPeriod(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var lines = amounts.Select(a => new InvoiceLine(
            InvoiceLineKind.ProratedCharge, TierId.Parse("starter"), "Starter", BillingCycle.Monthly, 1, period,
            Money.Of(1099, Currency.Eur), Money.Of(a, Currency.Eur))).ToImmutableArray();
        var draft = new InvoiceDraft(
            InvoiceId.Parse("i"), SpaceId.Parse("s"), SubscriptionId.Parse("sub-1"), InvoiceKind.Change, period.Start, period.Start, period,
            new BillingInfo("A", "a@b.c", new PostalAddress("x", null, "y", null, null, "NL"), null, Locale.English),
            lines, new TaxTreatment(rate, TaxReason.HomeCountry, null), Currency.Eur, PaymentMethod.ByInvoice);
        var sum = amounts.Sum(a => (long)a);
        var tax = Rounding.DivideHalfAwayFromZero((Int128)sum * rate.BasisPoints, 10_000);
        return draft.Subtotal.Amount == sum && draft.Tax.Amount == tax && draft.Total.Amount == sum + tax;
    }
}
