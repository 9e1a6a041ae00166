using Billing.Functions.Tests.Support;
using Billing.Web.Tests.Support;
using Microsoft.Playwright;
using static Billing.Functions.Tests.Support.Api;
using static Microsoft.Playwright.Assertions;

namespace Billing.Web.Tests;

/// <summary>
/// The back office at /billing/sales in Chromium (API.md, I3, I4, V5, U12, T3): a server of its own, since these tests move
/// the test clock, which the other browser tests share.
/// </summary>
public sealed class SalesPageTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] SalesRole = ["billing.sales"];

    private Api Api => web.Api;

    [Fact]
    [Trait("Rule", "I4")]
    [Trait("Rule", "I3")]
    public async Task Sales_sees_receivables_with_their_age_and_a_payment_confirmed_with_its_amounts_pays_the_invoice_and_clears_it()
    {
        await Api.SetClockAsync(IssuedAt);
        var (late, lateInvoice) = await InvoicePaidPlanAsync();
        await Api.SetClockAsync(IssuedAt.AddDays(40));
        var (recent, _) = await InvoicePaidPlanAsync();

        var page = await web.OpenAsync("/billing/sales", "sam", roles: SalesRole);
        var lateRow = page.Locator($"tr[data-space='{late}']");
        await Expect(lateRow.GetByTestId("age")).ToHaveTextAsync("10 days overdue");
        await Expect(lateRow).ToContainTextAsync("Past due");
        await Expect(page.Locator($"tr[data-space='{recent}']").GetByTestId("age")).ToContainTextAsync("due ");
        var due = await lateRow.GetByTestId("amount-due").TextContentAsync();
        Assert.Contains("€", due, StringComparison.Ordinal);
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await WebFixture.ScreenshotAsync(page, "sales-receivables");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Open space {late}" }).ClickAsync();
        var number = lateInvoice.GetProperty("number").GetString()!;
        await page.GetByRole(AriaRole.Button, new() { Name = $"Record payment for {number}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("amount-due-now")).ToHaveTextAsync(due!);
        await dialog.GetByLabel("Date received").FillAsync("2026-07-08");
        await dialog.GetByLabel("Bank reference").FillAsync("NL-TRF-77");

        // More than is due: refused, the code's words shown, nothing recorded.
        var total = lateInvoice.GetProperty("total").GetProperty("amount").GetInt64();
        await dialog.GetByLabel("Amount received (EUR)").FillAsync(((total + 100) / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(dialog.Locator("[data-code=payment_exceeds_amount_due]")).ToBeVisibleAsync();
        Assert.Empty(await Axe.SeriousViolationsAsync(page));

        await dialog.GetByLabel("Amount received (EUR)").FillAsync((total / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(dialog.GetByTestId("amount-due-after")).ToContainTextAsync("0.00");
        await WebFixture.ScreenshotAsync(page, "sales-record-payment");
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-testid=space-invoices] tr[data-invoice='{lateInvoice.GetProperty("id").GetString()}']")).ToContainTextAsync("Paid");
        await Expect(page.Locator($"tr[data-space='{late}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr[data-space='{recent}']")).ToHaveCountAsync(1);

        var paid = (await Api.InvoicesAsync(late, $"owner-{late}")).GetProperty("items")[0];
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal("NL-TRF-77", paid.GetProperty("payments")[0].GetProperty("reference").GetString());
    }

    [Fact]
    [Trait("Rule", "U12")]
    public async Task Sales_ends_a_plan_at_once_with_a_prorated_refund_after_confirming()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var page = await web.OpenAsync("/billing/sales", "sam", roles: SalesRole);
        await page.GetByLabel("Space id").FillAsync(space);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open space", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("plan")).ToContainTextAsync("starter");

        await page.GetByRole(AriaRole.Button, new() { Name = "End plan now" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("amounts")).ToContainTextAsync("5 seats");
        await dialog.GetByLabel("Prorated refund").CheckAsync();
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("plan")).ToHaveTextAsync("basic");

        Assert.Equal("basic", (await Api.BillingAsync(space, owner)).GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Rule", "T3")]
    public async Task Sales_marks_a_plan_tax_exempt_with_its_reason_and_back()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var page = await web.OpenAsync("/billing/sales", "sam", roles: SalesRole);
        await page.GetByLabel("Space id").FillAsync(space);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open space", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("tax-exempt")).ToHaveTextAsync("Taxed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Tax exemption" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Exempt from tax")).ToBeCheckedAsync();
        await dialog.GetByLabel("Reason").FillAsync("Charity, certificate 42");
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByTestId("tax-exempt")).ToHaveTextAsync("Exempt");
        Assert.True((await Ok(await Api.As(owner).GetAsync($"/api/spaces/{space}/billing-info"))).GetProperty("taxExempt").GetBoolean());

        await page.GetByRole(AriaRole.Button, new() { Name = "Tax exemption" }).ClickAsync();
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByTestId("tax-exempt")).ToHaveTextAsync("Taxed");
    }

    [Fact]
    [Trait("Rule", "V5")]
    [Trait("Rule", "I4")]
    public async Task Sales_voids_an_invoice_awaiting_its_transfer_and_it_leaves_the_receivables_with_its_credit_note_listed()
    {
        await Api.SetClockAsync(IssuedAt);
        var (space, invoice) = await InvoicePaidPlanAsync();
        var number = invoice.GetProperty("number").GetString()!;

        var page = await web.OpenAsync("/billing/sales", "sam", roles: SalesRole);
        await Expect(page.Locator($"tr[data-space='{space}']")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open space {space}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Void {number}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var total = invoice.GetProperty("total").GetProperty("amount").GetInt64();
        await Expect(dialog.GetByTestId("credit")).ToContainTextAsync((total / 100m).ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        var invoices = page.GetByTestId("space-invoices");
        await Expect(invoices.Locator($"tr[data-invoice='{invoice.GetProperty("id").GetString()}']")).ToContainTextAsync("Void");
        await Expect(invoices.Locator("tr", new() { HasText = $"for {number}" })).ToContainTextAsync("Credit note");
        await Expect(page.Locator($"tr[data-space='{space}']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Void {number}" })).ToHaveCountAsync(0); // voided once
    }

    [Fact]
    [Trait("Rule", "V5")]
    public async Task Sales_refunds_part_of_a_paid_invoice_after_a_refusal_above_what_was_paid_and_may_refund_the_rest()
    {
        var (space, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var paid = (await Api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        var number = paid.GetProperty("number").GetString()!;
        var total = paid.GetProperty("total").GetProperty("amount").GetInt64();

        var page = await web.OpenAsync("/billing/sales", "sam", roles: SalesRole);
        await page.GetByLabel("Space id").FillAsync(space);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open space", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Refund {number}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var amount = dialog.GetByLabel($"Amount to refund ({paid.GetProperty("total").GetProperty("currency").GetString()}; empty refunds all of it)");

        // More than was paid: refused, the code's words shown, nothing refunded.
        await amount.FillAsync(((total + 100) / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(dialog.Locator("[data-code=refund_exceeds_paid]")).ToBeVisibleAsync();

        await amount.FillAsync("10");
        await Expect(dialog.GetByTestId("credit")).ToContainTextAsync("10.00");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await dialog.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        var invoices = page.GetByTestId("space-invoices");
        await Expect(invoices.Locator($"tr[data-invoice='{paid.GetProperty("id").GetString()}']")).ToContainTextAsync("Partially refunded");
        await Expect(invoices.Locator("tr", new() { HasText = $"for {number}" })).ToContainTextAsync("10.00");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Refund {number}" })).ToHaveCountAsync(1); // the rest may still be refunded

        var refunded = (await Api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == paid.GetProperty("id").GetString());
        Assert.Equal("partially_refunded", refunded.GetProperty("status").GetString());

        // A credit note is issued, never paid: so its badge says, here, in its billing owner's tab and on its page,
        // where its one line is the refund of the invoice, 1 x the net (not the invoice's seats beside a share of them).
        await Expect(invoices.Locator("tr", new() { HasText = $"for {number}" }).Locator(".badge")).ToHaveTextAsync("Issued");
        var noteId = (await Api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "credit_note").GetProperty("id").GetString()!;
        var note = await Ok(await Api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{noteId}")); // answers once numbered
        Assert.Equal("paid", note.GetProperty("status").GetString()); // API.md's closed list; the kind tells a credit note apart
        var tab = await web.OpenAsync($"/billing/{space}", owner);
        await Expect(tab.Locator("tr", new() { HasText = note.GetProperty("number").GetString()! }).Locator(".badge")).ToHaveTextAsync("Issued");
        var notePage = await web.OpenAsync($"/billing/{space}/invoices/{noteId}", owner);
        await Expect(notePage.Locator(".badge")).ToHaveTextAsync("Issued");
        var line = notePage.Locator("section[aria-labelledby=lines-h] tbody tr");
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line.Locator("td").First).ToContainTextAsync($"Refund of invoice {number}");
        await Expect(line.Locator("td").Nth(1)).ToHaveTextAsync("1");
        var subtotal = await notePage.Locator(".preview .line").First.Locator("span").Nth(1).TextContentAsync();
        await Expect(line.Locator("td").Nth(2)).ToHaveTextAsync(subtotal!); // the line is the net refunded
    }

    [Fact]
    public async Task The_back_office_is_for_sales_only()
    {
        var (_, owner) = await Api.SubscribedWithOwnOwnerAsync();
        var page = await web.OpenAsync("/billing/sales", owner);
        await Expect(page.Locator("[role=alert][data-code=forbidden]")).ToBeVisibleAsync();
    }

    /// <summary>A workspace of 21 members whose annual plan sales set up to be paid by invoice (I1), with its open invoice.</summary>
    private async Task<(string Space, System.Text.Json.JsonElement Invoice)> InvoicePaidPlanAsync()
    {
        var space = await Api.WorkspaceAsync(extraMembers: 17);
        var owner = $"owner-{space}";
        await Api.AddMemberAsync(space, owner, locale: "en-US");
        await Api.UpgradeAsync(space, UpgradeBody(cycle: "annual", seats: 25, owner: owner, provider: "invoice"), Api.Sales);
        var invoice = (await Api.InvoicesAsync(space, owner)).GetProperty("items")[0]; // the list waits for its number
        return (space, invoice);
    }
}
