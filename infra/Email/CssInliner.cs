using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using PreMailer.Net;

namespace Billing.Infra.Email;

/// <summary>
/// Moves a fixed style sheet into the style attributes of the HTML given, with PreMailer.Net's own
/// parts and in its order (<c>MoveCssInline</c> removing the style elements, the ids and classes, and
/// keeping comments), so the HTML is the same to the byte; only the style sheet is parsed once here
/// instead of for every email. PreMailer parses it from the document on every call, with regular
/// expressions, which was two fifths of composing a renewal's receipt (docs/BENCHMARKS.md).
/// </summary>
/// <remarks>Thread-safe: the parsed rules are only read after construction.</remarks>
public sealed class CssInliner
{
    // In the order PreMailer merges them into an element's style: by specificity, then by position in the sheet
    // (its stable sort over the rules in selector order, which the matches of one element keep).
    private readonly IReadOnlyList<StyleClass> _rules;

    public CssInliner(string css)
    {
        var sheet = new CssParser();
        sheet.AddStyleSheet(css);
        var selectors = new CssSelectorParser();
        var unsupported = sheet.Styles.Keys.Where(s => !selectors.IsSupportedSelector(s)).ToList();
        if (unsupported.Count > 0)
        {
            // PreMailer would skip these with a warning, which nobody reads: refuse them instead.
            throw new ArgumentException($"PreMailer.Net cannot inline the selectors {string.Join(", ", unsupported)}.", nameof(css));
        }

        _rules = [.. sheet.Styles.Values.OrderBy(r => selectors.GetSelectorSpecificity(r.Name)).ThenBy(r => r.Position)];
    }

    /// <summary>The style sheet of the <c>&lt;style&gt;</c> elements of <paramref name="html"/> (a template's, read once).</summary>
    public static CssInliner OfStyleElements(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        return new CssInliner(string.Concat(document.QuerySelectorAll("style").Select(s => s.TextContent)));
    }

    /// <summary>
    /// <paramref name="html"/> without its <c>&lt;style&gt;</c> elements, ids and classes, each element
    /// styled by the rules it matches, serialized as PreMailer serializes it.
    /// </summary>
    public string Inline(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        foreach (var style in document.QuerySelectorAll("style").ToList())
        {
            style.Remove();
        }

        var matched = new Dictionary<IElement, StyleClass>();
        foreach (var rule in _rules)
        {
            foreach (var element in document.QuerySelectorAll(rule.Name))
            {
                if (!matched.TryGetValue(element, out var merged))
                {
                    matched[element] = merged = new StyleClass();
                }

                merged.Merge(rule, true);
            }
        }

        foreach (var (element, merged) in matched)
        {
            // As PreMailer: a style the element already had wins over the sheet's.
            var own = element.GetAttribute("style");
            if (string.IsNullOrWhiteSpace(own))
            {
                element.SetAttribute("style", string.Empty);
            }
            else
            {
                merged.Merge(new CssParser().ParseStyleClass("inline", own), true);
            }
        }

        StyleClassApplier.ApplyAllStyles(matched);
        foreach (var element in document.QuerySelectorAll("*[id],*[class]").ToList())
        {
            element.RemoveAttribute("id");
            element.RemoveAttribute("class");
        }

        using var writer = new StringWriter();
        document.ToHtml(writer, new HtmlMarkupFormatter());
        return writer.ToString();
    }
}
