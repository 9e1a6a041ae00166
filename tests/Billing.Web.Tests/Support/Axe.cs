using System.Text.Json;
using Microsoft.Playwright;

namespace Billing.Web.Tests.Support;

/// <summary>
/// axe-core (npm, pinned in package.json) injected into the page and run there: the accessibility
/// rules of WCAG 2 A and AA. Its violations, with their impact, come back as JSON.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new InvalidOperationException("node_modules/axe-core/axe.min.js is missing: run npm ci at the repository root (scripts/test.sh does).");
    });

    /// <summary>The serious and critical violations on the page as it is now, as "rule: target" lines.</summary>
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Content = Script.Value });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.map(n => JSON.stringify(n.target)).join(' ') }))");
        return json.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("targets").GetString()}")
            .ToList();
    }
}
