namespace Billing.Core.Subscriptions;

/// <summary>A subscription that ended, kept for good (C3): nothing of billing is ever deleted.</summary>
public sealed record EndedSubscription(Subscription Subscription, DateTimeOffset EndedAt, EndReason Reason);

/// <summary>Why a paid plan ended.</summary>
public enum EndReason
{
    /// <summary>Cancelled, at the end of the paid period (C2).</summary>
    Cancelled,

    /// <summary>The last retry of a failed charge failed (R3).</summary>
    Unpaid,

    /// <summary>Ended at once by sales, as agreed with the customer (U12).</summary>
    EndedBySales,

    /// <summary>Taken over by the organization or division that upgraded over it (U11).</summary>
    TakenOver,
}
