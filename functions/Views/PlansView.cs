using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Functions.Views;

/// <summary>The price catalog as the plans page shows it: tiers on sale, cycles, the seat ladder, prices per seat per currency.</summary>
public sealed record PlansView(IReadOnlyList<TierView> Tiers, IReadOnlyList<string> Cycles, SeatLadderView SeatLadder, int TrialDays)
{
    public static PlansView Of(PriceCatalog catalog) => new(
        catalog.TiersOnSale.Select(t => new TierView(
            t.Id.Value,
            t.Name,
            t.MonthlySeatPrice.OrderBy(p => p.Key.Code, StringComparer.Ordinal).Select(p => new SeatPriceView(
                p.Key.Code,
                new MoneyView(t.SeatPrice(BillingCycle.Monthly, p.Key).Amount, p.Key.Code),
                new MoneyView(t.SeatPrice(BillingCycle.Annual, p.Key).Amount, p.Key.Code))).ToList())).ToList(),
        [BillingCycle.Monthly.ToApiName(), BillingCycle.Annual.ToApiName()],
        new SeatLadderView(catalog.Ladder.Minimum, catalog.Ladder.Maximum, catalog.Ladder.Steps.Select(s => new SeatStepView(s.UpTo, s.Step)).ToList()),
        catalog.Policy.TrialDays);
}

public sealed record TierView(string Id, string Name, IReadOnlyList<SeatPriceView> Prices);

public sealed record SeatPriceView(string Currency, MoneyView MonthlyPerSeat, MoneyView AnnualPerSeat);

public sealed record SeatLadderView(int Minimum, int Maximum, IReadOnlyList<SeatStepView> Steps);

public sealed record SeatStepView(int UpTo, int Step);
