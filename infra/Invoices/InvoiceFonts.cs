using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Billing.Infra.Invoices;

/// <summary>
/// The typefaces invoices are drawn with: DejaVu Sans for Latin scripts, Noto Sans CJK TC as the
/// fallback for what DejaVu lacks (CJK names and the zh-TW words). Text is split into runs by the
/// first typeface that has each character, so any name in any of these scripts renders.
/// </summary>
internal static class InvoiceFonts
{
    public static readonly SKTypeface Latin = Load("DejaVuSans.subset.ttf");
    public static readonly SKTypeface Cjk = Load("NotoSansTC.subset.otf");

    private static readonly SKFont LatinProbe = new(Latin);
    private static readonly SKFont CjkProbe = new(Cjk);

    /// <summary>The text cut into runs, each with the typeface that draws it.</summary>
    public static List<(string Text, SKTypeface Typeface)> Runs(string text)
    {
        var runs = new List<(string, SKTypeface)>();
        var current = new StringBuilder();
        SKTypeface? face = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var wanted = LatinProbe.ContainsGlyph(rune.Value) || !CjkProbe.ContainsGlyph(rune.Value) ? Latin : Cjk;
            if (face is not null && wanted != face)
            {
                runs.Add((current.ToString(), face));
                current.Clear();
            }

            face = wanted;
            current.Append(rune.ToString());
        }

        if (face is not null)
        {
            runs.Add((current.ToString(), face));
        }

        return runs;
    }

    private static SKTypeface Load(string file)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"Billing.Infra.Fonts.{file}");
        using var stream = typeof(InvoiceFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {file} is not embedded.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {file} cannot be read.");
    }
}
