namespace Billing.Core.Amounts;

/// <summary>A tax rate in basis points (2100 = 21%), applied once to an invoice's subtotal.</summary>
public readonly record struct TaxRate
{
    public TaxRate(int basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(basisPoints, 10_000);
        BasisPoints = basisPoints;
    }

    public static TaxRate None { get; } = new(0);

    public int BasisPoints { get; }

    /// <summary>The percentage for display, e.g. 21 or 8.1.</summary>
    public decimal Percent => BasisPoints / 100m;

    /// <summary>The tax on <paramref name="subtotal"/>, rounded half away from zero to the minor unit.</summary>
    public Money TaxOn(Money subtotal) => subtotal.MultiplyByFraction(BasisPoints, 10_000);
}
