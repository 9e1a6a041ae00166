using System.Buffers;

namespace Billing.Core.Common;

/// <summary>
/// The one rule for identifiers that cross the API: 1 to 64 characters from <c>[A-Za-z0-9_-]</c>.
/// </summary>
public static class Identifier
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    public static bool IsValid(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= MaxLength && !text.AsSpan().ContainsAnyExcept(Allowed);

    internal static string Require(string? text, string what) =>
        IsValid(text) ? text! : throw new ArgumentException($"'{text}' is not a valid {what}: 1-64 characters from [A-Za-z0-9_-].", what);
}
