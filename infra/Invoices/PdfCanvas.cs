using SkiaSharp;

namespace Billing.Infra.Invoices;

/// <summary>Draws and measures text with font fallback on one page of a PDF.</summary>
internal sealed class PdfCanvas(SKCanvas canvas)
{
    public static readonly SKColor Ink = new(0x1F, 0x23, 0x28);
    public static readonly SKColor Muted = new(0x5F, 0x67, 0x70);
    public static readonly SKColor Rule = new(0xD0, 0xD5, 0xDB);
    public static readonly SKColor Band = new(0xF1, 0xF3, 0xF5);

    public static float Measure(string text, float size, bool bold = false)
    {
        var width = 0f;
        foreach (var (run, typeface) in InvoiceFonts.Runs(text))
        {
            using var font = Font(typeface, size, bold);
            width += font.MeasureText(run);
        }

        return width;
    }

    /// <summary>Draws <paramref name="text"/> with its baseline at <paramref name="y"/>, left-aligned at x, or right-aligned to x.</summary>
    public void Text(string text, float x, float y, float size, SKColor color, bool bold = false, bool alignRight = false)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        var at = alignRight ? x - Measure(text, size, bold) : x;
        foreach (var (run, typeface) in InvoiceFonts.Runs(text))
        {
            using var font = Font(typeface, size, bold);
            canvas.DrawText(run, at, y, SKTextAlign.Left, font, paint);
            at += font.MeasureText(run);
        }
    }

    /// <summary>Text cut to fit <paramref name="width"/>, with an ellipsis when it had to be cut.</summary>
    public static string Fit(string text, float width, float size, bool bold = false)
    {
        if (Measure(text, size, bold) <= width)
        {
            return text;
        }

        var runes = text.EnumerateRunes().ToList();
        while (runes.Count > 1 && Measure(string.Concat(runes.Select(r => r.ToString())) + "…", size, bold) > width)
        {
            runes.RemoveAt(runes.Count - 1);
        }

        return string.Concat(runes.Select(r => r.ToString())) + "…";
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>, at spaces (or anywhere, for scripts without them).</summary>
    public static List<string> Wrap(string text, float width, float size)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (Measure(candidate, size) <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = word;
            while (Measure(line, size) > width && line.Length > 1)
            {
                var cut = line.Length - 1;
                while (cut > 1 && Measure(line[..cut], size) > width)
                {
                    cut--;
                }

                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    public void Rect(float left, float top, float right, float bottom, SKColor color)
    {
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
        canvas.DrawRect(SKRect.Create(left, top, right - left, bottom - top), paint);
    }

    public void Line(float left, float right, float y, SKColor color)
    {
        using var paint = new SKPaint { Color = color, StrokeWidth = 0.75f, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(left, y, right, y, paint);
    }

    private static SKFont Font(SKTypeface typeface, float size, bool bold) =>
        new(typeface, size) { Embolden = bold, Subpixel = true, Edging = SKFontEdging.Antialias };
}
