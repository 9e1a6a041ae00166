using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>T1 and T2 without VIES configured: the check digits decide, and the preview shows the tax the upgrade will charge.</summary>
public sealed class OfflineTaxIdTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    private static object Body(string country, string? taxId) => new
    {
        tier = "starter",
        cycle = "monthly",
        seats = 5,
        billingOwnerId = Owner,
        billingInfo = new { name = "Beispiel GmbH", email = "ap@beispiel.test", address = new { line1 = "Musterstrasse 1", city = "Berlin", country }, taxId },
        paymentMethod = new { provider = "sandbox", token = "pm_sandbox_ok" },
    };

    [Fact]
    [Trait("Rule", "T2")]
    public async Task Without_vies_a_vat_id_with_right_check_digits_is_valid_and_the_preview_and_the_invoice_are_reverse_charged()
    {
        var space = await _api.WorkspaceAsync();
        var preview = await Ok(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription/preview", Body("DE", "DE136695976")));
        Assert.Equal(0L, preview.GetProperty("dueNow").GetProperty("tax").GetProperty("amount").GetInt64());
        var consumer = await Ok(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription/preview", Body("DE", null)));
        Assert.Equal(1044L, consumer.GetProperty("dueNow").GetProperty("tax").GetProperty("amount").GetInt64()); // 19 % of 5 x 10.99

        await _api.UpgradeAsync(space, Body("DE", "DE136695976"));
        var info = await Ok(await _api.As(Owner).GetAsync($"/api/spaces/{space}/billing-info"));
        Assert.Equal("valid", info.GetProperty("taxIdStatus").GetString());
        var invoice = (await _api.InvoicesAsync(space)).GetProperty("items")[0];
        Assert.Equal(0L, invoice.GetProperty("tax").GetProperty("amount").GetInt64());
    }

    [Fact]
    [Trait("Rule", "T2")]
    public async Task A_preview_with_a_tax_id_of_wrong_check_digits_answers_tax_id_invalid()
    {
        var space = await _api.WorkspaceAsync();
        await Problem(
            await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription/preview", Body("DE", "DE136695977")), HttpStatusCode.UnprocessableEntity, "tax_id_invalid");
    }
}
