using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>Lists are newest first by the order of writes, even when the clock does not move between them (a frozen test clock).</summary>
public class OrderingTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "V3")]
    public async Task With_the_clock_frozen_invoices_are_newest_first_and_latest_is_the_last_issued()
    {
        await _api.SetClockAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var space = await _api.WorkspaceAsync(extraMembers: 10);
        await _api.UpgradeAsync(space, UpgradeBody(seats: 15));
        var totals = new List<long> { await LatestTotalAsync(space) };
        foreach (var seats in new[] { 20, 30, 50, 75, 110 })
        {
            await Ok(await _api.As(Owner).PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats }));
            var latest = await LatestTotalAsync(space);
            Assert.DoesNotContain(latest, totals); // each upgrade of seats is its own invoice, and the latest is the newest
            totals.Add(latest);
        }

        var listed = (await _api.InvoicesAsync(space)).GetProperty("items").EnumerateArray().Select(Total).ToList();
        Assert.Equal(Enumerable.Reverse(totals), listed);
    }

    [Fact]
    [Trait("Rule", "A1")]
    public async Task With_the_clock_frozen_the_audit_trail_is_newest_first()
    {
        await _api.SetClockAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        for (var i = 0; i < 4; i++)
        {
            await Ok(await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription/cancel", null));
            Assert.Equal("cancellation_scheduled", await FirstAuditActionAsync(space));
            await Ok(await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription/resume", null));
            Assert.Equal("cancellation_withdrawn", await FirstAuditActionAsync(space));
        }
    }

    private async Task<long> LatestTotalAsync(string space) => Total(await Ok(await _api.As(Owner).GetAsync($"/api/spaces/{space}/invoices/latest")));

    private static long Total(System.Text.Json.JsonElement invoice) => invoice.GetProperty("total").GetProperty("amount").GetInt64();

    private async Task<string?> FirstAuditActionAsync(string space) =>
        (await Ok(await _api.As(Owner).GetAsync($"/api/spaces/{space}/audit?pageSize=5"))).GetProperty("items")[0].GetProperty("action").GetString();
}
