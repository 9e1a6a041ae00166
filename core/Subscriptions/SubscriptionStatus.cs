namespace Billing.Core.Subscriptions;

/// <summary>The status the billing view shows (API.md): basic, trialing, active or past due.</summary>
public enum SubscriptionStatus
{
    Basic,
    Trialing,
    Active,
    PastDue,
}

public static class SubscriptionStatusNames
{
    public static string ToApiName(this SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Basic => "basic",
        SubscriptionStatus.Trialing => "trialing",
        SubscriptionStatus.Active => "active",
        SubscriptionStatus.PastDue => "past_due",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
