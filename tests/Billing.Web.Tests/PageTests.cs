using System.Net;
using Billing.Functions.Tests.Support;
using Billing.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Billing.Web.Tests;

/// <summary>What others see, the six languages, accessibility, and where tokens never go.</summary>
[Collection(BrowserTests.Name)]
public class PageTests(WebFixture web)
{
    private Api Api => web.Api;

    [Fact]
    [Trait("Rule", "B1")]
    public async Task A_member_and_an_admin_of_a_paid_space_see_the_plan_and_no_action()
    {
        var (space, _) = await Api.SubscribedWithOwnOwnerAsync();
        foreach (var who in new[] { Api.Colleague, Api.Admin })
        {
            var page = await web.OpenAsync($"/billing/{space}", who);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Starter" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("payment-method")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invoice history" })).ToHaveCountAsync(0);
            await Expect(page.GetByText("seats in use")).ToHaveCountAsync(0);
            await WebFixture.ScreenshotAsync(page, $"paid-space-as-{who}");
        }
    }

    [Fact]
    [Trait("Rule", "B5")]
    public async Task Basic_says_so_and_a_member_who_used_the_trial_is_offered_no_trial()
    {
        var space = await Api.WorkspaceAsync();
        var page = await web.OpenAsync($"/billing/{space}", Api.Colleague);
        await Expect(page.GetByText("This space is on the free Basic plan: there is no billing to show.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start a free trial" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Plan", new() { Exact = true }).SelectOptionAsync("enterprise");
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByText("Your free trial ends on")).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "trial");

        await page.GetByRole(AriaRole.Button, new() { Name = "End the trial" }).ClickAsync();
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByText("This space is on the free Basic plan")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start a free trial" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upgrade" })).ToBeVisibleAsync();
    }

    [Theory]
    [Trait("Rule", "V4")]
    [InlineData("en-US", "en", "Current plan", "Renews on")]
    [InlineData("fr-FR", "fr", "Forfait actuel", "Renouvellement le")]
    [InlineData("nl-NL", "nl", "Huidig abonnement", "Wordt verlengd op")]
    [InlineData("sv-SE", "sv", "Nuvarande plan", "Förnyas den")]
    [InlineData("id-ID", "id", "Paket saat ini", "Diperpanjang pada")]
    [InlineData("zh-TW", "zh-Hant", "目前方案", "續訂")]
    public async Task The_page_speaks_the_callers_member_locale(string locale, string language, string heading, string renewal)
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync(ownerLocale: locale);
        var page = await web.OpenAsync($"/billing/{space}", owner);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
        await Expect(page.GetByText(renewal)).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await WebFixture.ScreenshotAsync(page, $"owner-{language}");
        if (language is "zh-Hant" or "fr")
        {
            await page.SetViewportSizeAsync(360, 800);
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, "the page is wider than 360 px");
            await WebFixture.ScreenshotAsync(page, $"owner-{language}-360");
        }
    }

    [Fact]
    [Trait("Rule", "V4")]
    public async Task The_language_can_be_switched_and_money_follows_it()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync(ownerLocale: "en-US");
        var page = await web.OpenAsync($"/billing/{space}", owner);
        await Expect(page.GetByText("€").First).ToBeVisibleAsync();
        await page.GetByLabel("Language").SelectOptionAsync("fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Historique des factures" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\d,\d\d\s€") }).First).ToBeVisibleAsync();
    }

    [Fact]
    [Trait("Rule", "V4")]
    public async Task Invoice_lines_are_worded_in_the_readers_language_in_the_preview_and_on_the_invoice_page()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync(ownerLocale: "sv-SE");
        var invoice = (await Api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("id").GetString();
        var invoicePage = await web.OpenAsync($"/billing/{space}/invoices/{invoice}", owner);
        await Expect(invoicePage.GetByRole(AriaRole.Cell).Filter(new() { HasText = "Starter · 5 platser · månadsvis" })).ToBeVisibleAsync();

        var tab = await web.OpenAsync($"/billing/{space}", owner);
        await tab.GetByLabel("Språk").SelectOptionAsync("fr"); // the Swedish owner reads the page in French
        await tab.GetByRole(AriaRole.Button, new() { Name = "Modifier le forfait" }).ClickAsync();
        var dialog = tab.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Places").SelectOptionAsync("10");
        await dialog.GetByTestId("review").ClickAsync();
        await Expect(dialog.GetByTestId("preview")).ToContainTextAsync("Starter · 5 places · mensuel · au prorata"); // the five seats added
        await Expect(dialog.GetByTestId("preview")).Not.ToContainTextAsync("seats");
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_on_any_page()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var basic = await Api.WorkspaceAsync();
        var invoices = (await Api.InvoicesAsync(space, owner)).GetProperty("items");
        var invoice = invoices[0].GetProperty("id").GetString();
        var found = new List<string>();

        async Task CheckAsync(IPage page, string what)
        {
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{what}: {v}"));
        }

        var tab = await web.OpenAsync($"/billing/{space}", owner);
        await Expect(tab.GetByRole(AriaRole.Heading, new() { Name = "Invoice history" })).ToBeVisibleAsync();
        await CheckAsync(tab, "owner's tab");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Change plan" }).ClickAsync();
        await tab.GetByRole(AriaRole.Dialog).GetByTestId("review").IsVisibleAsync();
        await CheckAsync(tab, "change dialog");

        var narrow = await web.OpenAsync($"/billing/{basic}", Api.Owner, width: 360, height: 740);
        await Expect(narrow.GetByRole(AriaRole.Button, new() { Name = "Upgrade" })).ToBeVisibleAsync();
        await CheckAsync(narrow, "Basic at 360 px");
        await narrow.GetByRole(AriaRole.Button, new() { Name = "Upgrade" }).ClickAsync();
        await Expect(narrow.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await CheckAsync(narrow, "upgrade dialog at 360 px");
        await WebFixture.ScreenshotAsync(narrow, "upgrade-dialog-360");

        var invoicePage = await web.OpenAsync($"/billing/{space}/invoices/{invoice}", owner);
        await Expect(invoicePage.GetByTestId("invoice-total")).ToBeVisibleAsync();
        await CheckAsync(invoicePage, "invoice page");

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task The_page_is_operable_with_the_keyboard_alone()
    {
        var space = await Api.WorkspaceAsync();
        var page = await web.OpenAsync($"/billing/{space}", Api.Owner);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upgrade" })).ToBeVisibleAsync();
        for (var i = 0; i < 10 && !await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade" }).EvaluateAsync<bool>("b => b.matches(':focus')"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_token_leaves_the_address_and_is_never_kept_in_local_storage()
    {
        var space = await Api.WorkspaceAsync();
        var page = await web.OpenAsync($"/billing/{space}", Api.Owner);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upgrade" })).ToBeVisibleAsync();
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
    }

    [Fact]
    public async Task The_pages_and_assets_are_served_to_anyone_the_data_only_with_a_token()
    {
        var html = await web.Server.Anonymous.GetAsync("/billing/any-space");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("\"fragmentTokens\":true", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var script = await web.Server.Anonymous.GetAsync("/billing/assets/billing.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Server.Anonymous.GetAsync("/billing/assets/nothing.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Server.Anonymous.GetAsync("/api/spaces/any-space/billing")).StatusCode);
    }
}
