using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// U11 when the process dies in the middle of a take-over: one team's plan ended and refunded, the
/// next one's ended but not yet refunded. The next renewal run finishes it from what storage holds,
/// and each team is still refunded once, with one credit note.
/// </summary>
public sealed class TakeOverRecoveryTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "U11")]
    public async Task A_take_over_that_dies_between_refunding_one_team_and_the_next_is_finished_by_the_next_run_each_team_refunded_once()
    {
        var org = await _api.WorkspaceAsync(kind: "organization");
        var owner = $"owner-{org}";
        await _api.AddMemberAsync(org, owner);
        string[] teams = [NewId("team"), NewId("team")];
        foreach (var team in teams)
        {
            await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = team, organizationId = org }));
            await _api.AddMemberAsync(team, owner);
            await _api.UpgradeAsync(team, UpgradeBody(seats: 2, owner: owner), _api.As(owner));
        }

        bool IsTeamRefund(string key) => teams.Any(t => key.StartsWith($"refund:{t}:", StringComparison.Ordinal));
        var refundsAsked = 0;
        server.Sandbox.DiesBefore = key => IsTeamRefund(key) && Interlocked.Increment(ref refundsAsked) == 2;

        var body = new
        {
            tier = "starter",
            cycle = "monthly",
            seats = 5,
            billingOwnerId = owner,
            billingInfo = new { name = "Acme B.V.", email = "ap@acme.test", address = new { line1 = "Dam 1", city = "Amsterdam", postalCode = "1012 JS", country = "NL" } },
            paymentMethod = new { provider = "sandbox", token = "pm_sandbox_ok" },
            takeOverTeamPlans = true,
        };
        await Ok(await _api.As(owner).PostAsJsonAsync($"/api/spaces/{org}/subscription", body), HttpStatusCode.Created);

        // The delivery dies just before the second refund: both plans ended, one team refunded.
        for (var wait = 0; server.Sandbox.DiesBefore is not null && wait < 300; wait++)
        {
            await Task.Delay(100);
        }

        Assert.Null(server.Sandbox.DiesBefore);
        Assert.Single(server.Sandbox.PartRefunds.Keys, IsTeamRefund);
        foreach (var team in teams)
        {
            Assert.Equal("basic", (await _api.BillingAsync(team, owner)).GetProperty("status").GetString());
        }

        // The next run finishes from storage; another one changes nothing.
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));

        Assert.Equal("active", (await _api.BillingAsync(org, owner)).GetProperty("status").GetString());
        foreach (var team in teams)
        {
            var items = (await _api.InvoicesAsync(team, owner)).GetProperty("items").EnumerateArray().ToList();
            var creditNote = Assert.Single(items, i => i.GetProperty("kind").GetString() == "credit_note");
            var refund = Assert.Single(server.Sandbox.PartRefunds, r => r.Key.StartsWith($"refund:{team}:", StringComparison.Ordinal));
            Assert.Equal(-creditNote.GetProperty("total").GetProperty("amount").GetInt64(), refund.Value.Amount.Amount);
        }
    }
}
