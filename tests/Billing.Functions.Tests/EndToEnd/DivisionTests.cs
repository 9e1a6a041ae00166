using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>S4 over HTTP: divisions from the directory, their upgrade, and the U6 rules around them.</summary>
public sealed class DivisionTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    private async Task<(string Organization, string Division, string Team)> OrganizationWithDivisionAsync()
    {
        var org = await _api.WorkspaceAsync(kind: "organization");
        var division = NewId("div");
        var divisionView = await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{division}", new { kind = "division", name = "Field sales", organizationId = org }));
        Assert.Equal("division", divisionView.GetProperty("kind").GetString());
        await _api.AddMemberAsync(division, Owner);
        await _api.AddMemberAsync(division, Colleague);
        var team = NewId("team");
        var teamView = await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org, divisionId = division }));
        Assert.Equal(division, teamView.GetProperty("divisionId").GetString());
        await _api.AddMemberAsync(team, Owner);
        return (org, division, team);
    }

    [Fact]
    [Trait("Rule", "S4")]
    public async Task A_paid_division_covers_its_teams_and_blocks_its_organization_until_then()
    {
        var (org, division, team) = await OrganizationWithDivisionAsync();

        await _api.UpgradeAsync(division, UpgradeBody(seats: 2));

        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{team}/subscription", UpgradeBody(seats: 2)), HttpStatusCode.Conflict, "team_in_paid_organization");
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{team}/trial", new { tier = "advanced" }), HttpStatusCode.Conflict, "team_in_paid_organization");
        var problem = await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{org}/subscription", UpgradeBody()), HttpStatusCode.Conflict, "teams_already_paid");
        var listed = Assert.Single(problem.GetProperty("teams").EnumerateArray());
        Assert.Equal((division, Owner), (listed.GetProperty("spaceId").GetString(), listed.GetProperty("billingOwnerId").GetString()));

        // A team moved out of the division is on its own again.
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org }));
        await _api.UpgradeAsync(team, UpgradeBody(seats: 2));
    }

    [Fact]
    [Trait("Rule", "S4")]
    public async Task A_division_whose_team_has_a_plan_waits_and_the_problem_names_the_team_and_its_owner()
    {
        var (_, division, team) = await OrganizationWithDivisionAsync();
        await _api.UpgradeAsync(team, UpgradeBody(seats: 2));

        var problem = await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{division}/subscription", UpgradeBody(seats: 2)), HttpStatusCode.Conflict, "teams_already_paid");

        var listed = Assert.Single(problem.GetProperty("teams").EnumerateArray());
        Assert.Equal((team, Owner), (listed.GetProperty("spaceId").GetString(), listed.GetProperty("billingOwnerId").GetString()));
        Assert.Equal("basic", (await _api.BillingAsync(division)).GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Rule", "N3")]
    public async Task A_member_joining_a_team_of_a_full_paid_division_grows_the_division_plan_at_once()
    {
        var (_, division, team) = await OrganizationWithDivisionAsync();
        await _api.UpgradeAsync(division, UpgradeBody(seats: 2));

        // The directory adds the newcomer to the team and, as it does for an organization, to its division.
        await _api.AddMemberAsync(team, "newcomer");
        await _api.AddMemberAsync(division, "newcomer");

        var billing = await _api.BillingAsync(division);
        Assert.Equal(3, billing.GetProperty("seats").GetInt32());
        var invoices = (await _api.InvoicesAsync(division)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, invoices.Count); // the upgrade and the prorated growth
    }

    [Fact]
    [Trait("Rule", "S4")]
    public async Task The_directory_is_refused_divisions_without_an_organization_and_division_ids_on_anything_but_a_team()
    {
        var org = await _api.WorkspaceAsync(kind: "organization");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{NewId("div")}", new { kind = "division", name = "D" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{NewId("div")}", new { kind = "division", name = "D", organizationId = org, divisionId = "x" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{NewId("team")}", new { kind = "team", name = "T", organizationId = org, divisionId = "not an id" }), HttpStatusCode.BadRequest, "invalid_request");
        var division = NewId("div");
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{division}", new { kind = "division", name = "D", organizationId = org }));
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{division}", new { kind = "team", name = "D", organizationId = org }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{division}/members/ada", new { email = "ada@example.test", role = "admin" }), HttpStatusCode.BadRequest, "invalid_request");
    }
}
