using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using Billing.Web.Tests.Support;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Billing.Web.Tests;

/// <summary>What a billing owner does in the billing tab, in Chromium, against the real server (B1, U8).</summary>
[Collection(BrowserTests.Name)]
public class BillingOwnerTests(WebFixture web)
{
    private Api Api => web.Api;

    [Fact]
    [Trait("Rule", "U8")]
    [Trait("Rule", "N1")]
    [Trait("Rule", "N2")]
    [Trait("Rule", "C1")]
    public async Task A_billing_owner_upgrades_from_Basic_after_a_preview_adds_seats_schedules_a_reduction_and_withdraws_it()
    {
        var (space, owner) = await Api.WorkspaceWithOwnOwnerAsync("en-US");
        var page = await web.OpenAsync($"/billing/{space}", owner);
        await Expect(page.GetByText("This space is on the free Basic plan")).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "basic-owner-to-be");

        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Plan", new() { Exact = true }).SelectOptionAsync("advanced");
        await dialog.GetByLabel("Seats").SelectOptionAsync("5");
        await FillBillingInfoAsync(dialog, "Acme Inc.");
        await Expect(dialog.GetByTestId("confirm")).ToHaveCountAsync(0); // no commit before the preview
        await dialog.GetByTestId("review").ClickAsync();
        await Expect(dialog.GetByTestId("due-now")).ToContainTextAsync("$");
        await Expect(dialog.GetByTestId("next-invoice")).ToContainTextAsync("$");
        await WebFixture.ScreenshotAsync(page, "upgrade-preview");
        await dialog.GetByTestId("confirm").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Advanced" })).ToBeVisibleAsync();
        var view = await Api.BillingAsync(space, owner);
        Assert.Equal("advanced", view.GetProperty("plan").GetString());
        Assert.Equal(5, view.GetProperty("seats").GetInt32());
        Assert.Equal(owner, view.GetProperty("billingOwner").GetProperty("userId").GetString());

        // More seats take effect at once, with a prorated charge (N1).
        await ChangeSeatsAsync(page, "10", expectChargeNow: true);
        await Expect(page.GetByText("4 of 10 seats in use")).ToBeVisibleAsync();
        Assert.Equal(10, (await Api.BillingAsync(space, owner)).GetProperty("seats").GetInt32());

        // Fewer seats wait for the renewal (N2), and the scheduled change can be withdrawn (C1).
        await ChangeSeatsAsync(page, "5", expectChargeNow: false);
        await Expect(page.GetByTestId("scheduled-change")).ToContainTextAsync("5 seats");
        await WebFixture.ScreenshotAsync(page, "owner-scheduled-reduction");
        Assert.Equal(5, (await Api.BillingAsync(space, owner)).GetProperty("scheduledChange").GetProperty("seats").GetInt32());

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await dialog.GetByTestId("review").ClickAsync();
        await Expect(dialog.GetByTestId("preview")).ToBeVisibleAsync();
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByTestId("scheduled-change")).ToHaveCountAsync(0);
        view = await Api.BillingAsync(space, owner);
        Assert.False(view.TryGetProperty("scheduledChange", out _));
        Assert.Equal(10, view.GetProperty("seats").GetInt32());
    }

    [Fact]
    [Trait("Rule", "U8")]
    public async Task A_double_click_on_confirm_is_one_change()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var page = await web.OpenAsync($"/billing/{space}", owner);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change plan" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Seats").SelectOptionAsync("10");
        await dialog.GetByTestId("review").ClickAsync();
        await dialog.GetByTestId("confirm").DblClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var invoices = await Api.InvoicesAsync(space, owner);
        Assert.Equal(2, invoices.GetProperty("items").GetArrayLength()); // the upgrade's and one proration
    }

    [Fact]
    [Trait("Rule", "P1")]
    public async Task The_billing_owner_switches_to_PayPal_through_its_approval_and_back_to_a_card()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var page = await web.OpenAsync($"/billing/{space}", owner);
        await Expect(page.GetByTestId("payment-method")).ToContainTextAsync("4242");

        await page.GetByRole(AriaRole.Button, new() { Name = "Change: Payment method" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("PayPal (sandbox)").CheckAsync();
        await dialog.GetByTestId("confirm").ClickAsync();
        // The approval comes back to the page (PayPal__ReturnUrl), which completes the switch.
        await Expect(page.GetByTestId("payment-method")).ToContainTextAsync("PayPal");
        Assert.DoesNotContain("approval_token_id", page.Url, StringComparison.Ordinal);
        Assert.Equal("buyer@paypal.sandbox.example", (await Api.BillingAsync(space, owner)).GetProperty("paymentMethod").GetProperty("email").GetString());
        await WebFixture.ScreenshotAsync(page, "owner-paypal");

        await page.GetByRole(AriaRole.Button, new() { Name = "Change: Payment method" }).ClickAsync();
        await dialog.GetByLabel("Test card that pays (sandbox)").CheckAsync();
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByTestId("payment-method")).ToContainTextAsync("Visa •••• 4242");
        Assert.Equal("4242", (await Api.BillingAsync(space, owner)).GetProperty("paymentMethod").GetProperty("last4").GetString());
    }

    [Fact]
    [Trait("Rule", "U8")]
    [Trait("Rule", "P1")]
    public async Task A_member_upgrades_with_PayPal_approving_the_account_first_and_confirming_the_reviewed_upgrade_on_return()
    {
        var (space, owner) = await Api.WorkspaceWithOwnOwnerAsync("en-US");
        var page = await web.OpenAsync($"/billing/{space}", owner);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Plan", new() { Exact = true }).SelectOptionAsync("advanced");
        await dialog.GetByLabel("Seats").SelectOptionAsync("5");
        await FillBillingInfoAsync(dialog, "Acme Inc.");
        await dialog.GetByLabel("PayPal (sandbox)").CheckAsync();
        await dialog.GetByTestId("review").ClickAsync();
        await Expect(dialog.GetByTestId("due-now")).ToContainTextAsync("$");

        // Confirming leaves for PayPal's approval; nothing is upgraded before the person comes back.
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(dialog.GetByTestId("paypal-help")).ToContainTextAsync("PayPal account approved");
        Assert.DoesNotContain("approval_token_id", page.Url, StringComparison.Ordinal);
        Assert.Equal("basic", (await Api.BillingAsync(space, owner)).GetProperty("status").GetString());

        // Back on the page: the same upgrade, previewed again, confirmed with the approved account.
        await Expect(dialog.GetByLabel("Seats")).ToHaveValueAsync("5");
        await Expect(dialog.GetByTestId("due-now")).ToContainTextAsync("$");
        await WebFixture.ScreenshotAsync(page, "upgrade-paypal-approved");
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Advanced" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("payment-method")).ToContainTextAsync("PayPal");
        var view = await Api.BillingAsync(space, owner);
        Assert.Equal(5, view.GetProperty("seats").GetInt32());
        Assert.Equal("buyer@paypal.sandbox.example", view.GetProperty("paymentMethod").GetProperty("email").GetString());
    }

    [Fact]
    [Trait("Rule", "B7")]
    [Trait("Rule", "V3")]
    public async Task The_billing_owner_edits_billing_information_and_downloads_the_latest_invoice_pdf()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var number = await NumberedInvoiceAsync(space, owner);
        var page = await web.OpenAsync($"/billing/{space}", owner);

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit: Billing information" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await FillBillingInfoAsync(dialog, "Globex Ltd");
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByTestId("billing-info")).ToContainTextAsync("Globex Ltd");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = $"Download PDF {number}" }).ClickAsync());
        var path = await download.PathAsync();
        using var pdf = PdfDocument.Open(path);
        Assert.Contains(number, string.Join(" ", pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "T2")]
    [Trait("Rule", "B7")]
    public async Task A_tax_id_with_wrong_check_digits_is_refused_with_its_message_and_a_valid_one_is_shown_verified()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var page = await web.OpenAsync($"/billing/{space}", owner);

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit: Billing information" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await FillBillingInfoAsync(dialog, "Beispiel GmbH");
        await dialog.GetByLabel("Country").SelectOptionAsync("DE");
        await dialog.GetByLabel("Tax ID (optional)").FillAsync("DE136695977");
        await dialog.GetByTestId("confirm").ClickAsync();

        var alert = dialog.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("This tax ID is not valid for the country.");
        await Expect(alert).ToHaveAttributeAsync("data-code", "tax_id_invalid");
        var stored = await Api.As(owner).GetFromJsonAsync<JsonElement>($"/api/spaces/{space}/billing-info");
        Assert.Equal("Acme B.V.", stored.GetProperty("name").GetString());

        await dialog.GetByLabel("Tax ID (optional)").FillAsync("DE136695976");
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByTestId("billing-info")).ToContainTextAsync("DE136695976 (verified)");
        await Expect(page.GetByTestId("billing-info")).ToContainTextAsync("Germany");
    }

    [Fact]
    [Trait("Rule", "B3")]
    [Trait("Rule", "B1")]
    public async Task After_a_transfer_the_new_owner_has_the_tab_and_the_old_one_no_actions()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var page = await web.OpenAsync($"/billing/{space}", owner);
        await page.GetByRole(AriaRole.Button, new() { Name = "Transfer ownership" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("New billing owner").SelectOptionAsync(Api.Colleague);
        await dialog.GetByTestId("confirm").ClickAsync();

        await Expect(page.GetByTestId("billing-owner")).ToContainTextAsync(Api.Colleague);
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        Assert.Equal(Api.Colleague, (await Api.BillingAsync(space, owner)).GetProperty("billingOwner").GetProperty("userId").GetString());

        var colleague = await web.OpenAsync($"/billing/{space}", Api.Colleague);
        await Expect(colleague.GetByRole(AriaRole.Button, new() { Name = "Change plan" })).ToBeVisibleAsync();
        await Expect(colleague.GetByTestId("payment-method")).ToContainTextAsync("4242");
        await Expect(colleague.GetByRole(AriaRole.Heading, new() { Name = "Invoice history" })).ToBeVisibleAsync();
    }

    [Fact]
    [Trait("Rule", "U8")]
    public async Task A_declined_card_shows_its_message_and_changes_nothing()
    {
        var (space, owner) = await Api.WorkspaceWithOwnOwnerAsync("en-US");
        var page = await web.OpenAsync($"/billing/{space}", owner);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await FillBillingInfoAsync(dialog, "Acme Inc.");
        await dialog.GetByLabel("Test card that is declined (sandbox)").CheckAsync();
        await dialog.GetByTestId("review").ClickAsync();
        await dialog.GetByTestId("confirm").ClickAsync();

        var alert = dialog.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("The payment was declined. Nothing was changed");
        await Expect(alert).ToHaveAttributeAsync("data-code", "payment_failed");
        await WebFixture.ScreenshotAsync(page, "upgrade-declined");
        Assert.Equal("basic", (await Api.BillingAsync(space, owner)).GetProperty("plan").GetString());
    }

    [Fact]
    [Trait("Rule", "B4")]
    public async Task The_invoice_emails_link_opens_the_invoice_page()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var number = await NumberedInvoiceAsync(space, owner);
        using var inbox = new Inbox();
        var mail = (await inbox.ToAsync($"{owner}@example.test")).First(m => m.GetProperty("text").GetString()!.Contains(number, StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(mail.GetProperty("text").GetString()!, @"https://app\.example\.test(/billing/[^\s""<>]+)").Groups[1].Value;
        Assert.StartsWith($"/billing/{space}/invoices/", link, StringComparison.Ordinal);

        var page = await web.OpenAsync(link, owner);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invoice", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText(number).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("invoice-total")).ToContainTextAsync("€");
        await WebFixture.ScreenshotAsync(page, "invoice-page");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download PDF" }).ClickAsync());
        using var pdf = PdfDocument.Open(await download.PathAsync());
        Assert.Contains(number, string.Join(" ", pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
    }

    private static async Task ChangeSeatsAsync(IPage page, string seats, bool expectChargeNow)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Change plan" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Seats").SelectOptionAsync(seats);
        await dialog.GetByTestId("review").ClickAsync();
        if (expectChargeNow)
        {
            await Expect(dialog.GetByTestId("due-now")).ToContainTextAsync("$");
        }
        else
        {
            await Expect(dialog.GetByText("Nothing is charged today.")).ToBeVisibleAsync();
        }

        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    private static async Task FillBillingInfoAsync(ILocator dialog, string name)
    {
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await dialog.GetByLabel("Email", new() { Exact = true }).FillAsync("ap@acme.example");
        await dialog.GetByLabel("Address", new() { Exact = true }).FillAsync("1 Main Street");
        await dialog.GetByLabel("City", new() { Exact = true }).FillAsync("Springfield");
        await dialog.GetByLabel("Country").SelectOptionAsync("US");
    }

    /// <summary>The number of the space's latest invoice, once the pump has numbered it.</summary>
    private async Task<string> NumberedInvoiceAsync(string space, string owner)
    {
        for (var attempt = 0; ; attempt++)
        {
            var items = (await Api.InvoicesAsync(space, owner)).GetProperty("items");
            if (items.GetArrayLength() > 0 && items[0].TryGetProperty("number", out var number) && number.ValueKind == JsonValueKind.String)
            {
                return number.GetString()!;
            }

            Assert.True(attempt < 100, "the invoice was never numbered");
            await Task.Delay(100);
        }
    }
}
