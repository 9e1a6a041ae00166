using Billing.Core.Common;

namespace Billing.Core.Catalog;

/// <summary>
/// A number of seats, at least one; whether it is offered is the <see cref="SeatLadder"/>'s call.
/// Built only by <see cref="Of"/>; <c>default(SeatCount)</c> would be zero seats, so reading its
/// <see cref="Value"/> throws.
/// </summary>
public readonly record struct SeatCount : IComparable<SeatCount>
{
    private readonly int _value;

    private SeatCount(int value) => _value = value;

    public int Value => _value >= 1 ? _value : throw Identifier.Uninitialized(nameof(SeatCount));

    /// <summary>The count; throws <see cref="ArgumentOutOfRangeException"/> below one.</summary>
    public static SeatCount Of(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        return new SeatCount(value);
    }

    public int CompareTo(SeatCount other) => Value.CompareTo(other.Value);

    public static bool operator <(SeatCount left, SeatCount right) => left.Value < right.Value;

    public static bool operator >(SeatCount left, SeatCount right) => left.Value > right.Value;

    public static bool operator <=(SeatCount left, SeatCount right) => left.Value <= right.Value;

    public static bool operator >=(SeatCount left, SeatCount right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
