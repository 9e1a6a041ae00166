using Billing.Core.Amounts;

namespace Billing.Functions.Views;

/// <summary>Money as API.md writes it: <c>{ "amount": 1099, "currency": "USD" }</c> in minor units.</summary>
public sealed record MoneyView(long Amount, string Currency)
{
    public static MoneyView Of(Money money) => new(money.Amount, money.Currency.Code);
}
