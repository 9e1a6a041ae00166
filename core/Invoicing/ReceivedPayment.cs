using Billing.Core.Amounts;

namespace Billing.Core.Invoicing;

/// <summary>A bank transfer sales recorded against an invoice (I3): how much, when the bank received it, and the bank's reference.</summary>
public sealed record ReceivedPayment(Money Amount, DateTimeOffset ReceivedAt, string Reference);
