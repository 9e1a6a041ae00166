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

    /// <summary>
    /// The value types of core are structs, so C# can always make their <c>default</c>; rather than
    /// classes (an allocation per id, and null to check everywhere) they refuse to be read when
    /// nobody built them through a factory that checks (NodaTime's habit).
    /// </summary>
    internal static InvalidOperationException Uninitialized(string type) =>
        new($"default({type}) is not a value: build one with {type}.Parse, TryParse or Of.");

    internal static string Require(string? text, string what) =>
        IsValid(text) ? text! : throw new ArgumentException($"'{text}' is not a valid {what}: 1-64 characters from [A-Za-z0-9_-].", what);
}
