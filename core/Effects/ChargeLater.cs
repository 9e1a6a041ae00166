namespace Billing.Core.Effects;

/// <summary>
/// A charge queued in the outbox with its decision (a renewal, a retry) and taken after it is stored;
/// its outcome comes back through <c>ChargeOutcomes</c> (R3) in a write of its own.
/// </summary>
public sealed record ChargeLater(Charge Charge) : Effect;
