using System.Collections.Immutable;
using Billing.Core.Amounts;

namespace Billing.Core.Invoicing;

internal static class InvoiceTotals
{
    public static Money Subtotal(ImmutableArray<InvoiceLine> lines, Currency currency)
    {
        var sum = Money.Zero(currency);
        foreach (var line in lines)
        {
            sum += line.Amount;
        }

        return sum;
    }
}
