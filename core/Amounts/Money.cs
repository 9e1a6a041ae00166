using System.Globalization;

namespace Billing.Core.Amounts;

/// <summary>
/// An exact amount of money: an integer number of the currency's minor unit (M1). Amounts of
/// different currencies never mix; doing so is a bug and throws. Built by <see cref="Of"/> and
/// <see cref="Zero"/>, which need a real currency; <c>default(Money)</c> has none and throws when used.
/// </summary>
public readonly record struct Money
{
    private readonly Currency _currency;

    private Money(long amount, Currency currency)
    {
        Amount = amount;
        _currency = currency;
    }

    public long Amount { get; }

    public Currency Currency => _currency.IsDefault ? throw Common.Identifier.Uninitialized(nameof(Money)) : _currency;

    /// <summary><paramref name="amount"/> minor units of <paramref name="currency"/> (cents, yen).</summary>
    public static Money Of(long amount, Currency currency) =>
        currency.IsDefault ? throw new ArgumentException("Money needs a currency.", nameof(currency)) : new(amount, currency);

    public static Money Zero(Currency currency) => Of(0, currency);

    public bool IsZero => Amount == 0;

    public bool IsNegative => Amount < 0;

    public static Money operator +(Money left, Money right) => new(checked(left.Amount + SameCurrency(left, right).Amount), left.Currency);

    public static Money operator -(Money left, Money right) => new(checked(left.Amount - SameCurrency(left, right).Amount), left.Currency);

    public static Money operator -(Money value) => new(checked(-value.Amount), value.Currency);

    public static Money operator *(Money value, long factor) => new(checked(value.Amount * factor), value.Currency);

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Negate() => -this;

    public Money Multiply(long factor) => this * factor;

    /// <summary>
    /// This amount times <paramref name="numerator"/> / <paramref name="denominator"/>, rounded half
    /// away from zero to the minor unit, computed exactly in 128-bit integers (M2).
    /// </summary>
    public Money MultiplyByFraction(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        return new Money(Rounding.DivideHalfAwayFromZero((Int128)Amount * numerator, denominator), Currency);
    }

    /// <summary>The amount in major units with a dot, e.g. <c>10.99 USD</c>: for logs and tests, not for people.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(decimal)Amount / Pow10(Currency.MinorUnitDigits)} {Currency.Code}");

    /// <summary>The amount in major units as a decimal, for formatting in a locale.</summary>
    public decimal ToMajorUnits() => (decimal)Amount / Pow10(Currency.MinorUnitDigits);

    private static long Pow10(int digits)
    {
        long result = 1;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static Money SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? right
            : throw new InvalidOperationException($"Cannot combine {left.Currency} and {right.Currency}.");
}
