using System.Collections.Frozen;
using Billing.Core.Amounts;
using Billing.Core.Calendar;

namespace Billing.Core.Catalog;

/// <summary>
/// A paid tier of the catalog (U1). <see cref="Rank"/> orders tiers from lowest to highest, legacy
/// tiers included, so that a change can tell an upgrade (at once) from a downgrade (at renewal, C1).
/// </summary>
public sealed record Tier(TierId Id, string Name, bool OnSale, int Rank, FrozenDictionary<Currency, long> MonthlySeatPrice)
{
    public bool IsHigherThan(Tier other) => Rank > other.Rank;

    public bool IsPricedIn(Currency currency) => MonthlySeatPrice.ContainsKey(currency);

    /// <summary>The price of one seat for one period of <paramref name="cycle"/> (annual = 10 x monthly, U2).</summary>
    public Money SeatPrice(BillingCycle cycle, Currency currency) =>
        MonthlySeatPrice.TryGetValue(currency, out var monthly)
            ? Money.Of(checked(monthly * cycle.MonthlyPriceMultiple()), currency)
            : throw new InvalidOperationException($"Tier {Id} has no price in {currency}.");
}
