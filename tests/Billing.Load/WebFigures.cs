using System.Globalization;
using System.Net.Http.Json;
using Billing.Functions.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>
/// The web page's figures of docs/BENCHMARKS.md: every asset the billing tab loads, raw and gzipped as
/// served, and the time from navigation to the first render of the billing owner's tab (the plan card
/// with its data) in Chromium on loopback, over fresh browser contexts (no cache).
/// </summary>
internal static class WebFigures
{
    public static async Task RunAsync(IServiceProvider services, Uri baseAddress, Func<string, string[], HttpClient> client, int runs)
    {
        var assets = services.GetRequiredService<WebAssets>().All.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        Console.WriteLine("asset | bytes | gzipped");
        foreach (var asset in assets)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{asset.Name} | {asset.Bytes.Length:N0} | {asset.Gzipped.Length:N0}"));
        }

        var page = assets.Where(a => !a.Name.StartsWith("oidc-client-ts", StringComparison.Ordinal)).Sum(a => a.Gzipped.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all assets, gzipped: {assets.Sum(a => a.Gzipped.Length):N0} bytes; loaded with a fragment token (no OpenID Connect chunk): {page:N0} bytes"));

        // A billing owner's paid workspace, as the tab shows it at its fullest (plan, payment method, billing information, owner, an invoice).
        var directory = client("product", ["billing.directory"]);
        var space = $"web-{Guid.NewGuid():N}";
        (await directory.PutAsJsonAsync($"/api/spaces/{space}", new { kind = "workspace", name = "Acme" })).EnsureSuccessStatusCode();
        (await directory.PutAsJsonAsync($"/api/spaces/{space}/members/olivia", new { email = "olivia@acme.test", name = "Olivia", role = "member", locale = "en-US" })).EnsureSuccessStatusCode();
        (await client("olivia", []).PostAsJsonAsync($"/api/spaces/{space}/subscription", new
        {
            tier = "advanced", cycle = "monthly", seats = 5, billingOwnerId = "olivia",
            billingInfo = new { name = "Acme", email = "ap@acme.test", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } },
            paymentMethod = new { provider = "sandbox", token = "pm_sandbox_ok" },
        })).EnsureSuccessStatusCode();
        var token = client("olivia", []).DefaultRequestHeaders.Authorization!.Parameter;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var times = new List<double>();
        var html = new List<double>();
        var ready = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            await using var context = await browser.NewContextAsync();
            var tab = await context.NewPageAsync();
            await tab.GotoAsync(new Uri(baseAddress, $"/billing/{space}#token={token}").ToString());
            await tab.GetByRole(AriaRole.Heading, new() { Name = "Invoice history" }).WaitForAsync();
            // The page's own mark: when <billing-tab> first rendered with the billing view, since navigation started.
            var rendered = await tab.EvaluateAsync<double>("() => performance.getEntriesByName('billing-tab:first-render')[0].startTime");
            var timing = await tab.EvaluateAsync<double[]>("() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseEnd, n.domContentLoadedEventEnd]; }");
            if (run > 0)
            {
                times.Add(rendered); // the first run warms the server and the browser
                html.Add(timing[0]);
                ready.Add(timing[1]);
            }
        }

        static string Spread(List<double> values)
        {
            values.Sort();
            return string.Create(CultureInfo.InvariantCulture, $"p50 {values[values.Count / 2]:F0} ms, p90 {values[(int)(values.Count * 0.9)]:F0} ms, max {values[^1]:F0} ms");
        }

        Console.WriteLine($"{runs} cold browser contexts, times since navigation started:");
        Console.WriteLine($"  page HTML received:        {Spread(html)}");
        Console.WriteLine($"  scripts run (DOM ready):   {Spread(ready)}");
        Console.WriteLine($"  billing tab first render:  {Spread(times)}  (plan, payment method and billing owner drawn; billing information and invoice rows follow one request later)");
    }
}
