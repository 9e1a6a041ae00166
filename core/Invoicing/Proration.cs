using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Core.Invoicing;

/// <summary>
/// Invoice lines for whole and partial periods (M2). A partial line costs seats x seat price x the
/// share of the period left, computed in whole seconds and rounded half away from zero once, on the
/// line's amount. Seat reductions and downgrades wait for the renewal, so within a period a line is
/// only ever charged for what is added, and credited for what is replaced: no period is paid twice.
/// </summary>
public static class Proration
{
    /// <summary>A whole period of a tier for a number of seats.</summary>
    public static InvoiceLine FullPeriod(Tier tier, BillingCycle cycle, SeatCount seats, Currency currency, BillingPeriod period)
    {
        var unit = tier.SeatPrice(cycle, currency);
        return new InvoiceLine(InvoiceLineKind.Plan, tier.Id, tier.Name, cycle, seats.Value, period, unit, unit * seats.Value);
    }

    /// <summary>The rest of <paramref name="period"/> from <paramref name="from"/>, for <paramref name="seats"/> seats; null when nothing is left.</summary>
    public static InvoiceLine? RestOfPeriod(Tier tier, BillingCycle cycle, int seats, Currency currency, BillingPeriod period, DateTimeOffset from) =>
        Partial(InvoiceLineKind.ProratedCharge, tier, cycle, seats, currency, period, from, sign: 1);

    /// <summary>The unused rest of <paramref name="period"/>, given back as a negative line (C1); null when nothing is left.</summary>
    public static InvoiceLine? CreditRestOfPeriod(Tier tier, BillingCycle cycle, int seats, Currency currency, BillingPeriod period, DateTimeOffset from) =>
        Partial(InvoiceLineKind.ProratedCredit, tier, cycle, seats, currency, period, from, sign: -1);

    private static InvoiceLine? Partial(
        InvoiceLineKind kind, Tier tier, BillingCycle cycle, int seats, Currency currency, BillingPeriod period, DateTimeOffset from, int sign)
    {
        var (remaining, total) = period.ShareLeftAt(from);
        if (remaining == 0 || seats == 0)
        {
            return null;
        }

        var unit = tier.SeatPrice(cycle, currency);
        var amount = (unit * ((long)seats * sign)).MultiplyByFraction(remaining, total);
        var rest = new BillingPeriod(period.End.AddSeconds(-remaining), period.End);
        return new InvoiceLine(kind, tier.Id, tier.Name, cycle, seats, rest, unit, amount);
    }
}
