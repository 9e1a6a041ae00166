using System.Text.RegularExpressions;

namespace Billing.Core.Common;

/// <summary>
/// A person's locale as a BCP 47 tag (<c>fr-BE</c>, <c>zh-TW</c>, <c>sv</c>). Dates, numbers and money
/// are formatted for the tag itself; words come from its <see cref="Language"/> (V4), English when the
/// language is not one we write in.
/// </summary>
public sealed partial record Locale
{
    private Locale(string tag) => Tag = tag;

    public static Locale English { get; } = new("en-US");

    public string Tag { get; }

    public Language Language => Tag.Split('-')[0].ToUpperInvariant() switch
    {
        "FR" => Language.French,
        "NL" => Language.Dutch,
        "SV" => Language.Swedish,
        "ID" or "IN" => Language.Indonesian,
        // Traditional Chinese is the Chinese of the article; readers of Simplified read it too.
        "ZH" => Language.TraditionalChinese,
        _ => Language.English,
    };

    public static bool TryParse(string? text, out Locale locale)
    {
        if (text is { Length: <= 35 } && TagPattern().IsMatch(text))
        {
            locale = new Locale(text);
            return true;
        }

        locale = English;
        return false;
    }

    public static Locale Parse(string text) =>
        TryParse(text, out var locale) ? locale : throw new ArgumentException($"'{text}' is not a BCP 47 language tag.", nameof(text));

    public override string ToString() => Tag;

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
