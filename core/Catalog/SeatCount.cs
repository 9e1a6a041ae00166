namespace Billing.Core.Catalog;

/// <summary>A number of seats, at least one. Whether it is offered is the <see cref="SeatLadder"/>'s call.</summary>
public readonly record struct SeatCount : IComparable<SeatCount>
{
    public SeatCount(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        Value = value;
    }

    public int Value { get; }

    public int CompareTo(SeatCount other) => Value.CompareTo(other.Value);

    public static bool operator <(SeatCount left, SeatCount right) => left.Value < right.Value;

    public static bool operator >(SeatCount left, SeatCount right) => left.Value > right.Value;

    public static bool operator <=(SeatCount left, SeatCount right) => left.Value <= right.Value;

    public static bool operator >=(SeatCount left, SeatCount right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
