using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using UglyToad.PdfPig;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

public class BillingTabTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "U8")]
    public async Task An_upgrade_over_http_creates_the_plan_issues_a_paid_invoice_and_its_pdf()
    {
        var space = await _api.WorkspaceAsync();
        var view = await _api.UpgradeAsync(space, UpgradeBody("advanced", seats: 5));
        Assert.Equal("advanced", view.GetProperty("plan").GetString());
        Assert.Equal("active", view.GetProperty("status").GetString());
        Assert.Equal(5, view.GetProperty("seats").GetInt32());
        Assert.Equal(Owner, view.GetProperty("billingOwner").GetProperty("userId").GetString());
        Assert.Equal("4242", view.GetProperty("paymentMethod").GetProperty("last4").GetString());

        var invoices = (await _api.InvoicesAsync(space)).GetProperty("items");
        var invoice = Assert.Single(invoices.EnumerateArray());
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        var total = invoice.GetProperty("total");
        Assert.Equal(("EUR", 5 * 2499 + 2624), (total.GetProperty("currency").GetString(), total.GetProperty("amount").GetInt64())); // NL: 21% tax
        var number = invoice.GetProperty("number").GetString()!;
        Assert.Matches("^INV-\\d{4}-\\d{6}$", number);

        var pdf = await _api.As(Owner).GetAsync($"/api/spaces/{space}/invoices/latest/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("151,19", text, StringComparison.Ordinal); // the owner reads Dutch: EUR 151,19
        Assert.Contains("Factuur", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "B1")]
    public async Task Members_see_the_plan_but_only_the_billing_owner_sees_seat_usage_and_payment_method()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        var owner = await _api.BillingAsync(space, Owner);
        var colleague = await _api.BillingAsync(space, Colleague);
        Assert.True(owner.TryGetProperty("seatUsage", out var usage));
        Assert.Equal(3, usage.GetProperty("used").GetInt32());
        Assert.False(colleague.TryGetProperty("seatUsage", out _));
        Assert.False(colleague.TryGetProperty("paymentMethod", out _));
        Assert.Equal("starter", colleague.GetProperty("plan").GetString());
    }

    [Fact]
    [Trait("Rule", "B5")]
    public async Task A_space_on_basic_says_so_instead_of_showing_plan_data()
    {
        var space = await _api.WorkspaceAsync();
        var view = await _api.BillingAsync(space, Colleague);
        Assert.Equal(("basic", "basic"), (view.GetProperty("plan").GetString(), view.GetProperty("status").GetString()));
        Assert.False(view.TryGetProperty("seats", out _));
        Assert.False(string.IsNullOrEmpty(view.GetProperty("message").GetString()));
    }

    [Fact]
    [Trait("Rule", "N1")]
    public async Task Adding_seats_over_http_charges_the_rest_of_the_period_on_a_new_invoice()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        var changed = await Ok(await _api.As(Owner).PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats = 10 }));
        Assert.Equal(10, changed.GetProperty("seats").GetInt32());
        var invoices = (await _api.InvoicesAsync(space)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, invoices.Count);
        var line = invoices[0].GetProperty("lines")[0];
        Assert.Equal("proration", line.GetProperty("kind").GetString());
        Assert.Equal(5, line.GetProperty("quantity").GetInt32());
    }

    [Fact]
    [Trait("Rule", "N2")]
    public async Task Removing_seats_over_http_is_scheduled_for_the_renewal_and_shown_as_such()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space, UpgradeBody(seats: 10));
        var view = await Ok(await _api.As(Owner).PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats = 5 }));
        Assert.Equal(10, view.GetProperty("seats").GetInt32());
        Assert.Equal(5, view.GetProperty("scheduledChange").GetProperty("seats").GetInt32());
        Assert.Single((await _api.InvoicesAsync(space)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    [Trait("Rule", "U8")]
    public async Task A_preview_prices_an_upgrade_without_committing_anything()
    {
        var space = await _api.WorkspaceAsync();
        var preview = await Ok(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription/preview", new { tier = "starter", cycle = "annual", seats = 5 }));
        Assert.Equal(5 * 10990, preview.GetProperty("dueNow").GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal("basic", (await _api.BillingAsync(space)).GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Rule", "C2")]
    public async Task Cancel_and_resume_over_http()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        var cancelled = await Ok(await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription/cancel", null));
        Assert.True(cancelled.TryGetProperty("cancelAt", out _));
        var resumed = await Ok(await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription/resume", null));
        Assert.True(resumed.TryGetProperty("renewsAt", out _));
        Assert.False(resumed.TryGetProperty("cancelAt", out _));
    }

    [Fact]
    [Trait("Rule", "U10")]
    public async Task A_trial_starts_and_is_cancelled_over_http()
    {
        var space = await _api.WorkspaceAsync();
        var trial = await Ok(await _api.As(Colleague).PostAsJsonAsync($"/api/spaces/{space}/trial", new { tier = "advanced" }), HttpStatusCode.Created);
        Assert.Equal("trialing", trial.GetProperty("status").GetString());
        await Ok(await _api.As(Colleague).DeleteAsync($"/api/spaces/{space}/trial"));
        await Problem(await _api.As(Colleague).PostAsJsonAsync($"/api/spaces/{space}/trial", new { tier = "advanced" }), HttpStatusCode.Conflict, "trial_already_used");
    }

    [Fact]
    [Trait("Rule", "B3")]
    public async Task Ownership_billing_info_and_payment_method_change_over_http()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        var setup = await Ok(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider = "sandbox" }));
        Assert.False(string.IsNullOrEmpty(setup.GetProperty("clientSecret").GetString()));
        await Ok(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "sandbox", token = "pm_sandbox_declined" }));
        await Ok(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}/billing-info",
            new { name = "Acme SE", email = "ap@acme.se", address = new { line1 = "Gatan 1", city = "Stockholm", country = "SE" }, locale = "sv-SE" }));
        await Ok(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}/billing-owner", new { userId = Colleague }));
        var view = await _api.BillingAsync(space, Colleague);
        Assert.Equal(Colleague, view.GetProperty("billingOwner").GetProperty("userId").GetString());
        Assert.Equal("0002", view.GetProperty("paymentMethod").GetProperty("last4").GetString());

        var audit = (await Ok(await _api.As(Colleague).GetAsync($"/api/spaces/{space}/audit"))).GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["billing_owner_transferred", "billing_info_updated", "payment_method_changed"], audit.Where(a => a != "member_updated").Take(3));
    }

    [Fact]
    [Trait("Rule", "B7")]
    public async Task The_billing_owner_and_sales_read_the_billing_information_as_it_stands_and_no_cache_keeps_it()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        var response = await _api.As(Owner).GetAsync($"/api/spaces/{space}/billing-info");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var info = await Ok(response);
        Assert.Equal(("Acme B.V.", "ap@acme.test"), (info.GetProperty("name").GetString(), info.GetProperty("email").GetString()));
        Assert.Equal(("Dam 1", "1012 JS", "NL"), (info.GetProperty("address").GetProperty("line1").GetString(),
            info.GetProperty("address").GetProperty("postalCode").GetString(), info.GetProperty("address").GetProperty("country").GetString()));
        Assert.False(info.TryGetProperty("taxId", out _));

        var edited = new { name = "Acme SE", email = "ap@acme.se", address = new { line1 = "Gatan 1", city = "Stockholm", country = "SE" }, taxId = "SE556677889901", locale = "sv-SE" };
        await Ok(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}/billing-info", edited));
        foreach (var reader in new[] { _api.As(Owner), _api.Sales })
        {
            var read = await Ok(await reader.GetAsync($"/api/spaces/{space}/billing-info"));
            Assert.Equal("Acme SE", read.GetProperty("name").GetString());
            Assert.Equal(("Gatan 1", "Stockholm", "SE"), (read.GetProperty("address").GetProperty("line1").GetString(),
                read.GetProperty("address").GetProperty("city").GetString(), read.GetProperty("address").GetProperty("country").GetString()));
            Assert.Equal(("SE556677889901", "sv-SE"), (read.GetProperty("taxId").GetString(), read.GetProperty("locale").GetString()));
        }

        // Sales keep it too (API.md), and the billing owner reads what they wrote.
        await Ok(await _api.Sales.PutAsJsonAsync($"/api/spaces/{space}/billing-info", edited with { name = "Acme Sverige AB" }));
        Assert.Equal("Acme Sverige AB", (await Ok(await _api.As(Owner).GetAsync($"/api/spaces/{space}/billing-info"))).GetProperty("name").GetString());
    }

    [Fact]
    [Trait("Rule", "B7")]
    public async Task A_space_on_basic_has_no_billing_information_to_read()
    {
        var space = await _api.WorkspaceAsync();
        var refused = await _api.As(Owner).GetAsync($"/api/spaces/{space}/billing-info");
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
        await Problem(refused, HttpStatusCode.Conflict, "not_subscribed");
        await Problem(await _api.Sales.GetAsync($"/api/spaces/{space}/billing-info"), HttpStatusCode.Conflict, "not_subscribed");
        await Problem(await _api.As(Stranger).GetAsync($"/api/spaces/{space}/billing-info"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_plans_health_and_openapi_are_public()
    {
        var plans = await Ok(await server.Anonymous.GetAsync("/api/plans"));
        Assert.Equal(4, plans.GetProperty("tiers").GetArrayLength());
        await Ok(await server.Anonymous.GetAsync("/api/health"));
        var openApi = await Ok(await server.Anonymous.GetAsync("/api/openapi.json"));
        Assert.StartsWith("3.", openApi.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/spaces/{spaceId}/subscription", out _));
        Assert.True(openApi.GetProperty("paths").GetProperty("/api/spaces/{spaceId}/billing-info").TryGetProperty("get", out _));
    }
}
