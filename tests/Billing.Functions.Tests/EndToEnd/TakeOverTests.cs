using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>U11 over HTTP: an organization's upgrade takes over the plans of its teams, exactly once.</summary>
public sealed class TakeOverTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    private async Task<(string Organization, string[] Teams, string Owner)> OrganizationWithPaidTeamsAsync(string? secondTeamOwner = null)
    {
        var org = await _api.WorkspaceAsync(kind: "organization");
        var owner = $"owner-{org}";
        await _api.AddMemberAsync(org, owner, locale: "sv-SE");
        var teams = new List<string>();
        foreach (var teamOwner in new[] { owner, secondTeamOwner ?? owner })
        {
            var team = NewId("team");
            await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = $"Team {teams.Count + 1}", organizationId = org }));
            await _api.AddMemberAsync(team, owner, locale: "sv-SE");
            await _api.AddMemberAsync(team, Colleague);
            await _api.UpgradeAsync(team, UpgradeBody(seats: 2, owner: teamOwner), _api.As(teamOwner));
            teams.Add(team);
        }

        return (org, [.. teams], owner);
    }

    private static object TakingOver(string owner) => new
    {
        tier = "starter",
        cycle = "monthly",
        seats = 5,
        billingOwnerId = owner,
        billingInfo = new { name = "Acme B.V.", email = "ap@acme.test", address = new { line1 = "Dam 1", city = "Amsterdam", postalCode = "1012 JS", country = "NL" } },
        paymentMethod = new { provider = "sandbox", token = "pm_sandbox_ok" },
        takeOverTeamPlans = true,
    };

    private async Task<JsonElement> BasicAgainAsync(string team, string reader)
    {
        for (var wait = 0; ; wait++)
        {
            var billing = await _api.BillingAsync(team, reader);
            if (billing.GetProperty("status").GetString() == "basic" || wait == 200)
            {
                return billing;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    [Trait("Rule", "U11")]
    public async Task The_owner_of_every_team_plan_upgrades_the_organization_each_team_ends_at_once_is_refunded_once_with_a_credit_note_and_is_emailed()
    {
        var (org, teams, owner) = await OrganizationWithPaidTeamsAsync();

        var upgraded = await Ok(await _api.As(owner).PostAsJsonAsync($"/api/spaces/{org}/subscription", TakingOver(owner)), HttpStatusCode.Created);
        Assert.Equal("active", upgraded.GetProperty("status").GetString());

        foreach (var team in teams)
        {
            Assert.Equal("basic", (await BasicAgainAsync(team, owner)).GetProperty("status").GetString());
        }

        // Delivering again (the renewal run finds whatever a crash left) refunds nothing twice.
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));

        foreach (var team in teams)
        {
            var items = (await _api.InvoicesAsync(team, owner)).GetProperty("items").EnumerateArray().ToList();
            var creditNote = Assert.Single(items, i => i.GetProperty("kind").GetString() == "credit_note");
            Assert.StartsWith("CN-", creditNote.GetProperty("number").GetString(), StringComparison.Ordinal);
            var paid = Assert.Single(items, i => i.GetProperty("kind").GetString() == "invoice");
            Assert.Equal(paid.GetProperty("id").GetString(), creditNote.GetProperty("creditsInvoiceId").GetString());
            var credited = -creditNote.GetProperty("total").GetProperty("amount").GetInt64();
            Assert.InRange(credited, 1, paid.GetProperty("total").GetProperty("amount").GetInt64());

            var refund = Assert.Single(server.Sandbox.PartRefunds, r => r.Key.StartsWith($"refund:{team}:", StringComparison.Ordinal));
            Assert.Equal(credited, refund.Value.Amount.Amount);
        }

        var mails = await _inbox.ToAsync($"{owner}@example.test", atLeast: 4);
        Assert.Equal(2, mails.Count(m => m.GetProperty("subject").GetString()!.Contains("har tagits över", StringComparison.Ordinal)));
    }

    [Fact]
    [Trait("Rule", "U11")]
    public async Task Without_permission_the_upgrade_is_refused_naming_each_team_and_its_billing_owner_and_nothing_changes()
    {
        var (org, _, owner) = await OrganizationWithPaidTeamsAsync();
        var (org2, teams2, owner2) = await OrganizationWithPaidTeamsAsync(secondTeamOwner: Colleague);

        var problem = await Problem(await _api.As(owner2).PostAsJsonAsync($"/api/spaces/{org2}/subscription", TakingOver(owner2)), HttpStatusCode.Conflict, "teams_already_paid");

        var listed = problem.GetProperty("teams").EnumerateArray().Select(t => (t.GetProperty("spaceId").GetString(), t.GetProperty("billingOwnerId").GetString())).ToList();
        Assert.Equal([(teams2[0], owner2), (teams2[1], Colleague)], listed.OrderBy(t => Array.IndexOf(teams2, t.Item1)));
        Assert.Equal("basic", (await _api.BillingAsync(org2, owner2)).GetProperty("status").GetString());
        Assert.All(teams2, t => Assert.DoesNotContain(server.Sandbox.PartRefunds.Keys, k => k.StartsWith($"refund:{t}:", StringComparison.Ordinal)));
        Assert.Equal("active", (await _api.BillingAsync(teams2[0], owner2)).GetProperty("status").GetString());

        // Without asking for it, even the owner of every plan is refused (U6).
        await Problem(await _api.As(owner).PostAsJsonAsync($"/api/spaces/{org}/subscription", UpgradeBody(owner: owner)), HttpStatusCode.Conflict, "teams_already_paid");
    }

    public void Dispose() => _inbox.Dispose();
}
