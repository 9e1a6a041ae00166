using System.Globalization;

namespace Billing.Core.Invoicing;

/// <summary>
/// A number of the issuer's one gap-free sequence (V1), printed as <c>INV-2026-000123</c>: the prefix,
/// the year of issue (for the reader) and the sequence, which never restarts.
/// </summary>
public sealed record InvoiceNumber
{
    public InvoiceNumber(string prefix, int year, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        Prefix = prefix;
        Year = year;
        Sequence = sequence;
    }

    public string Prefix { get; }

    public int Year { get; }

    public long Sequence { get; }

    /// <summary>
    /// The number <paramref name="sequence"/> of the issuer's sequence for an invoice issued at
    /// <paramref name="issuedAt"/>: the year printed is the UTC year of issue, the sequence never restarts with it.
    /// </summary>
    public static InvoiceNumber For(string prefix, DateTimeOffset issuedAt, long sequence) =>
        new(prefix, issuedAt.UtcDateTime.Year, sequence);

    public static bool TryParse(string? text, out InvoiceNumber? number)
    {
        number = null;
        var parts = text?.Split('-');
        if (parts is not { Length: 3 }
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || year < 2000 || sequence < 1 || parts[0].Length == 0)
        {
            return false;
        }

        number = new InvoiceNumber(parts[0], year, sequence);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Sequence:D6}");
}
