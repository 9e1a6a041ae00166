namespace Billing.Core.Subscriptions;

/// <summary>
/// What a space is on right now: Basic (free), a trial, or a paid subscription. A closed set, so a
/// space can never be trialing and subscribed at once.
/// </summary>
public abstract record SpacePlan
{
    private protected SpacePlan()
    {
    }
}

/// <summary>The free plan (B5): no subscription, no trial.</summary>
public sealed record BasicPlan : SpacePlan
{
    public static BasicPlan Instance { get; } = new();
}

/// <summary>A free trial of a tier (U10).</summary>
public sealed record TrialPlan(Trial Trial) : SpacePlan;

/// <summary>A paid plan, active or past due.</summary>
public sealed record PaidPlan(Subscription Subscription) : SpacePlan;
