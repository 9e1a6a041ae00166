namespace Billing.Core.Calendar;

/// <summary>How often a subscription renews (U2).</summary>
public enum BillingCycle
{
    Monthly,
    Annual,
}

public static class BillingCycleFacts
{
    /// <summary>The number of calendar months one period of the cycle spans.</summary>
    public static int Months(this BillingCycle cycle) => cycle switch
    {
        BillingCycle.Monthly => 1,
        BillingCycle.Annual => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, null),
    };

    /// <summary>How many monthly seat prices one seat of the cycle costs: an annual seat costs ten (U2).</summary>
    public static int MonthlyPriceMultiple(this BillingCycle cycle) => cycle switch
    {
        BillingCycle.Monthly => 1,
        BillingCycle.Annual => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, null),
    };

    public static string ToApiName(this BillingCycle cycle) => cycle switch
    {
        BillingCycle.Monthly => "monthly",
        BillingCycle.Annual => "annual",
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, null),
    };

    public static bool TryParseApiName(string? text, out BillingCycle cycle)
    {
        switch (text)
        {
            case "monthly":
                cycle = BillingCycle.Monthly;
                return true;
            case "annual":
                cycle = BillingCycle.Annual;
                return true;
            default:
                cycle = default;
                return false;
        }
    }
}
