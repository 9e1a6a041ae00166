namespace Billing.Core.Effects;

/// <summary>
/// A charge taken before its decision is stored (an upgrade, more seats, a higher tier: the change
/// stands only if paid). A decline means the decision is not stored; a charge taken for a decision
/// that then loses to a concurrent one is refunded. Never queued in the outbox.
/// </summary>
public sealed record ChargeNow(Charge Charge) : Effect;
