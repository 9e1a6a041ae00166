namespace Billing.Core.Amounts;

/// <summary>The one rounding rule of the domain: half away from zero, to the minor unit (M2).</summary>
public static class Rounding
{
    /// <summary>Divides exactly and rounds half away from zero: 5/2 = 3, -5/2 = -3, 4/3 = 1.</summary>
    public static long DivideHalfAwayFromZero(Int128 dividend, long divisor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(divisor);
        var quotient = Int128.DivRem(Int128.Abs(dividend), divisor);
        var magnitude = quotient.Quotient + (quotient.Remainder * 2 >= divisor ? 1 : 0);
        return (long)(Int128.IsNegative(dividend) ? -magnitude : magnitude);
    }
}
