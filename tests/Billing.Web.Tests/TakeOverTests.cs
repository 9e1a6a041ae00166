using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using Billing.Web.Tests.Support;
using Microsoft.Playwright;
using static Billing.Functions.Tests.Support.Api;
using static Microsoft.Playwright.Assertions;

namespace Billing.Web.Tests;

/// <summary>U11 in the billing tab, in Chromium: an organization's upgrade refused for its paid team offers to take the team's plan over.</summary>
[Collection(BrowserTests.Name)]
public class TakeOverTests(WebFixture web)
{
    private Api Api => web.Api;

    [Fact]
    [Trait("Rule", "U11")]
    public async Task An_organization_upgrade_refused_for_a_paid_team_names_the_team_and_takes_its_plan_over_when_asked()
    {
        var org = await Api.WorkspaceAsync(kind: "organization");
        var owner = $"owner-{org}";
        await Api.AddMemberAsync(org, owner, locale: "en-US");
        var team = NewId("team");
        await Ok(await Api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org }));
        await Api.AddMemberAsync(team, owner, locale: "en-US");
        await Api.UpgradeAsync(team, UpgradeBody(seats: 2, owner: owner), Api.As(owner));

        var page = await web.OpenAsync($"/billing/{org}", owner);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Plan", new() { Exact = true }).SelectOptionAsync("advanced");
        await dialog.GetByLabel("Seats").SelectOptionAsync("5");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme Inc.");
        await dialog.GetByLabel("Email", new() { Exact = true }).FillAsync("ap@acme.example");
        await dialog.GetByLabel("Address", new() { Exact = true }).FillAsync("1 Main Street");
        await dialog.GetByLabel("City", new() { Exact = true }).FillAsync("Springfield");
        await dialog.GetByLabel("Country").SelectOptionAsync("US");

        await dialog.GetByTestId("review").ClickAsync();
        await Expect(dialog.Locator("[data-code=teams_already_paid]")).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("paid-teams")).ToContainTextAsync(team);
        await Expect(dialog.GetByTestId("paid-teams")).ToContainTextAsync(owner);
        await Expect(dialog.GetByTestId("confirm")).ToHaveCountAsync(0);
        await WebFixture.ScreenshotAsync(page, "take-over-offered");

        await dialog.GetByTestId("take-over").CheckAsync();
        await dialog.GetByTestId("review").ClickAsync();
        await Expect(dialog.GetByTestId("due-now")).ToContainTextAsync("$");
        await dialog.GetByTestId("confirm").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Advanced" })).ToBeVisibleAsync();
        Assert.Equal("advanced", (await Api.BillingAsync(org, owner)).GetProperty("plan").GetString());
        Assert.Equal("basic", (await Api.BillingAsync(team, owner)).GetProperty("status").GetString());
        var kinds = (await Api.InvoicesAsync(team, owner)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ToList();
        Assert.Contains("credit_note", kinds);
    }
}
