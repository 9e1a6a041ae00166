using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

public class ConcurrencyTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "N1")]
    public async Task Twenty_concurrent_seat_changes_end_consistent_with_no_lost_update_and_one_invoice_per_immediate_change()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space, UpgradeBody(seats: 5));
        var targets = Enumerable.Range(1, 20).Select(i => i * 5 + 5).ToList(); // 10, 15, ..., 105 (105 is off the ladder above 100)
        var answers = await Task.WhenAll(targets.Select(seats => _api.As(Owner).PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats })));

        var accepted = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{a.StatusCode}"));

        var view = await _api.BillingAsync(space);
        var invoices = (await Ok(await _api.As(Owner).GetAsync($"/api/spaces/{space}/invoices?pageSize=100"))).GetProperty("items").EnumerateArray().ToList();
        var changeInvoices = invoices.Count - 1;

        // Each accepted change either raised the seats (one invoice) or asked for fewer than what was there by then (scheduled, no invoice).
        Assert.InRange(changeInvoices, 1, accepted);
        Assert.Equal(100, view.GetProperty("seats").GetInt32()); // the largest offered count always wins in the end
        var charged = invoices.Take(changeInvoices).Sum(i => i.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("quantity").GetInt32()));
        Assert.Equal(100 - 5, charged); // the added seats, each charged once: no lost update, no double charge
        Assert.Equal(changeInvoices, invoices.Select(i => i.GetProperty("number").GetString()).Distinct().Count() - 1);
    }

    [Fact]
    [Trait("Rule", "U7")]
    public async Task Two_concurrent_upgrades_of_one_space_make_one_subscription_and_one_charge()
    {
        var space = await _api.WorkspaceAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody())));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Single((await _api.InvoicesAsync(space)).GetProperty("items").EnumerateArray());
    }
}
