namespace Billing.Core.Subscriptions;

/// <summary>What one step of the renewal run did, as the run's summary counts it (API.md).</summary>
public enum RenewalStep
{
    /// <summary>Nothing the summary counts (a trial's ending notice, nothing due).</summary>
    Other,

    /// <summary>A new period began and was invoiced (R1).</summary>
    Renewed,

    /// <summary>A plan cancelled at its period's end returned to Basic (C2), or a trial ran out (U10).</summary>
    Canceled,

    /// <summary>A failed charge was tried again (R3).</summary>
    Retried,
}
