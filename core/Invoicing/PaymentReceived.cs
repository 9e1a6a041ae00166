using Billing.Core.Amounts;

namespace Billing.Core.Invoicing;

/// <summary>
/// What sales says was received (I3): <see cref="Amount"/> minor units of <see cref="Currency"/> (the
/// invoice's own when not said), received on <see cref="ReceivedAt"/>, under the bank's <see cref="Reference"/>.
/// </summary>
public sealed record PaymentReceived(long Amount, Currency? Currency, DateTimeOffset ReceivedAt, string Reference)
{
    public ReceivedPayment For(Invoice invoice) => new(Money.Of(Amount, Currency ?? invoice.Total.Currency), ReceivedAt, Reference);
}
