using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>The emails as the real maildev receives them: a styled HTML part and the plain-text part (B4, V4).</summary>
public sealed class EmailTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private const string Site = "https://app.example.test";
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Fact]
    [Trait("Rule", "B4")]
    public async Task The_invoice_email_has_a_button_to_the_invoice_page_the_totals_inline_styles_in_600px_and_the_text_part()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync(ownerLocale: "nl-NL");
        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        var page = $"{Site}/billing/{space}/invoices/{invoice.GetProperty("id").GetString()}";
        var mail = Assert.Single(await _inbox.ToAsync($"{owner}@example.test"));
        var html = Html(mail);

        Assert.Equal("nl-NL", html.DocumentElement.GetAttribute("lang"));
        Assert.Empty(html.QuerySelectorAll("style")); // nothing depends on a style sheet: mail clients strip them
        Assert.Contains(html.QuerySelectorAll("table"), t => Style(t).Contains("max-width: 600px", StringComparison.Ordinal));
        var button = Assert.Single(html.QuerySelectorAll("a"), a => a.TextContent == "Factuur bekijken");
        Assert.Equal(page, button.GetAttribute("href"));
        Assert.Contains("padding", Style(button), StringComparison.Ordinal);
        Assert.Contains("color: #ffffff", Style(button), StringComparison.Ordinal);
        Assert.Contains("background-color", Style(button.ParentElement!), StringComparison.Ordinal);

        // The lines and the totals, as the API has them, formatted for the reader: the upgrade's invoice was paid at once.
        var rows = html.QuerySelectorAll("tr").Where(r => r.QuerySelector("tr") is null).Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Starter · 5 plaatsen", StringComparison.Ordinal) && r.Contains(Amount(invoice, "subtotal"), StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Subtotaal", StringComparison.Ordinal) && r.EndsWith(Amount(invoice, "subtotal"), StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Btw (21 %)", StringComparison.Ordinal) && r.EndsWith(Amount(invoice, "tax"), StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Totaal", StringComparison.Ordinal) && r.EndsWith(Amount(invoice, "total"), StringComparison.Ordinal));
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        Assert.Contains(rows, r => r.StartsWith("Te betalen", StringComparison.Ordinal) && r.EndsWith("EUR 0,00", StringComparison.Ordinal));
        Assert.Contains("Betaald", html.Body!.TextContent, StringComparison.Ordinal);

        var text = mail.GetProperty("text").GetString()!;
        Assert.Contains("Subtotaal", text, StringComparison.Ordinal);
        Assert.Contains(page, text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "V4")]
    public async Task A_traditional_chinese_billing_owner_reads_the_whole_html_email_in_chinese()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync(ownerLocale: "zh-TW");
        var mail = Assert.Single(await _inbox.ToAsync($"{owner}@example.test"));
        var html = Html(mail);
        Assert.Equal("zh-TW", html.DocumentElement.GetAttribute("lang"));
        var body = html.Body!.TextContent;
        foreach (var words in new[] { "查看發票", "小計", "總計", "應付金額", "已付款" })
        {
            Assert.Contains(words, body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Subtotal", body, StringComparison.Ordinal);
        Assert.StartsWith($"{Site}/billing/{space}/invoices/", Assert.Single(html.QuerySelectorAll("a"), a => a.TextContent == "查看發票").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("小計", mail.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_people_typed_is_escaped_in_the_html_email()
    {
        var space = NewId();
        var owner = $"owner-{space}";
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{space}", new { kind = "workspace", name = "<script>alert(1)</script>" }));
        await _api.AddMemberAsync(space, owner, locale: "en-US");
        var body = new
        {
            tier = "starter",
            cycle = "monthly",
            seats = 5,
            billingOwnerId = owner,
            billingInfo = new { name = "<b>Acme</b> & \"Sons\"", email = "ap@acme.test", address = new { line1 = "<img src=x onerror=alert(1)>", city = "Amsterdam", country = "NL" } },
            paymentMethod = new { provider = "sandbox", token = "pm_sandbox_ok" },
        };
        await Ok(await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", body), HttpStatusCode.Created);

        var mail = Assert.Single(await _inbox.ToAsync($"{owner}@example.test"));
        var raw = mail.GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", raw, StringComparison.Ordinal);
        var html = Html(mail);
        Assert.Empty(html.QuerySelectorAll("script, img, b"));
        Assert.Contains("<b>Acme</b> & \"Sons\"", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>", html.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "U10")]
    public async Task A_trial_notice_has_the_same_styled_html_with_a_button_to_the_billing_tab_in_the_starters_language()
    {
        var space = await _api.WorkspaceAsync();
        var starter = $"starter-{space}";
        await _api.AddMemberAsync(space, starter, locale: "fr-FR");
        var trial = await Ok(await _api.As(starter).PostAsJsonAsync($"/api/spaces/{space}/trial", new { tier = "advanced" }), HttpStatusCode.Created);
        await _api.SetClockAsync(trial.GetProperty("trialEndsAt").GetDateTimeOffset().AddDays(-2));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));

        var mail = Assert.Single(await _inbox.ToAsync($"{starter}@example.test"));
        var html = Html(mail);
        Assert.Equal("fr-FR", html.DocumentElement.GetAttribute("lang"));
        Assert.Empty(html.QuerySelectorAll("style"));
        var button = Assert.Single(html.QuerySelectorAll("a"), a => a.TextContent == "Ouvrir la facturation");
        Assert.Equal($"{Site}/billing/{space}", button.GetAttribute("href"));
        Assert.Contains("background-color", Style(button.ParentElement!), StringComparison.Ordinal);
        Assert.Contains("L'essai gratuit", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("L'essai gratuit", mail.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _inbox.Dispose();

    private static IDocument Html(JsonElement mail) => new HtmlParser().ParseDocument(mail.GetProperty("html").GetString()!);

    private static string Style(IElement element) => element.GetAttribute("style") ?? string.Empty;

    /// <summary>An amount of the invoice as a Dutch reader sees it: <c>EUR 54,95</c>.</summary>
    private static string Amount(JsonElement invoice, string field)
    {
        var money = invoice.GetProperty(field);
        return $"{money.GetProperty("currency").GetString()} {(money.GetProperty("amount").GetInt64() / 100m).ToString("N2", CultureInfo.GetCultureInfo("nl-NL"))}";
    }
}
