using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// S4 over HTTP on Azurite and maildev: a team that moves into a paid division with a plan of its own changes
/// who pays from the next renewal, never twice for one period. The test clock is this class's own server's.
/// </summary>
[Trait("Rule", "S4")]
public sealed class DivisionMoveTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private static readonly DateTimeOffset TeamBoughtAt = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Fact]
    public async Task A_paid_team_moving_into_a_paid_division_keeps_its_year_and_the_division_pays_for_its_members_from_its_next_renewal()
    {
        await _api.SetClockAsync(TeamBoughtAt);
        var org = await _api.WorkspaceAsync(kind: "organization");
        var team = NewId("team");
        var teamOwner = $"owner-{team}";
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org, locale = "en-US" }));
        await _api.AddMemberAsync(team, teamOwner, locale: "en-US");
        await _api.UpgradeAsync(team, UpgradeBody(cycle: "annual", seats: 2, owner: teamOwner), _api.As(teamOwner));

        // The division is bought a day later, annual, full: two seats for its two members.
        await _api.SetClockAsync(TeamBoughtAt.AddDays(1));
        var division = NewId("div");
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{division}", new { kind = "division", name = "Field sales", organizationId = org }));
        await _api.AddMemberAsync(division, Owner);
        await _api.AddMemberAsync(division, Colleague);
        await _api.UpgradeAsync(division, UpgradeBody(cycle: "annual", seats: 2));

        // The directory moves the team into the division, then adds its member to the division.
        await _api.SetClockAsync(TeamBoughtAt.AddDays(2));
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org, divisionId = division, locale = "en-US" }));
        await _api.AddMemberAsync(division, teamOwner);

        var teamBilling = await _api.BillingAsync(team, teamOwner);
        Assert.Equal(TeamBoughtAt.AddYears(1), teamBilling.GetProperty("cancelAt").GetDateTimeOffset());
        var told = Assert.Single(await _inbox.ToAsync($"{teamOwner}@example.test", 2), m => m.GetProperty("subject").GetString() == "North is now paid for by its division");
        Assert.Contains("ends instead of renewing", told.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await _api.BillingAsync(division)).GetProperty("seats").GetInt32()); // the team's year pays for its member
        Assert.Equal(1, await InvoiceCountAsync(division, Owner));
        await Problem(await _api.As(teamOwner).PostAsync($"/api/spaces/{team}/subscription/resume", null), HttpStatusCode.Conflict, "team_in_paid_organization");

        // The team's year ends: back on Basic, with no renewal invoice.
        await _api.SetClockAsync(TeamBoughtAt.AddYears(1).AddMinutes(1));
        await RunAsync();
        Assert.Equal("basic", (await _api.BillingAsync(team, teamOwner)).GetProperty("status").GetString());
        Assert.Equal(1, await InvoiceCountAsync(team, teamOwner));

        // The division's next renewal counts the team's member: three seats paid from then.
        await _api.SetClockAsync(TeamBoughtAt.AddYears(1).AddDays(1).AddMinutes(1));
        await RunAsync();
        Assert.Equal(3, (await _api.BillingAsync(division)).GetProperty("seats").GetInt32());
        var renewal = (await _api.InvoicesAsync(division)).GetProperty("items")[0];
        Assert.Equal(3, renewal.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        Assert.Equal(2, await InvoiceCountAsync(division, Owner));
    }

    [Fact]
    public async Task A_team_that_leaves_the_paid_division_may_resume_its_own_plan()
    {
        await _api.SetClockAsync(TeamBoughtAt);
        var org = await _api.WorkspaceAsync(kind: "organization");
        var division = NewId("div");
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{division}", new { kind = "division", name = "Field sales", organizationId = org }));
        await _api.AddMemberAsync(division, Owner);
        await _api.UpgradeAsync(division, UpgradeBody(seats: 2));
        var team = NewId("team");
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org }));
        await _api.AddMemberAsync(team, Owner);
        await _api.UpgradeAsync(team, UpgradeBody(seats: 2));

        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org, divisionId = division }));
        Assert.True((await _api.BillingAsync(team)).TryGetProperty("cancelAt", out _));
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org }));

        var resumed = await Ok(await _api.As(Owner).PostAsync($"/api/spaces/{team}/subscription/resume", null));
        Assert.True(resumed.TryGetProperty("renewsAt", out _));
    }

    private async Task<int> InvoiceCountAsync(string space, string reader) => (await _api.InvoicesAsync(space, reader)).GetProperty("items").GetArrayLength();

    private async Task RunAsync() => await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));

    public void Dispose() => _inbox.Dispose();
}
