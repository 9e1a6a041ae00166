using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// U6 and S4 under concurrency: an organization's upgrade and one of its teams' upgrades sent at the
/// same moment never both succeed, so no member is billed twice.
/// </summary>
public sealed class PlanRaceTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private const int Rounds = 15;

    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "U6")]
    public async Task An_organization_upgrade_and_a_team_upgrade_sent_side_by_side_never_both_succeed()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var org = await _api.WorkspaceAsync(kind: "organization");
            var team = await _api.WorkspaceAsync(kind: "team", organizationId: org);
            using var orgCaller = _api.As(Owner);
            using var teamCaller = _api.As(Owner);

            var answers = await Task.WhenAll(
                orgCaller.PostAsJsonAsync($"/api/spaces/{org}/subscription", UpgradeBody()),
                teamCaller.PostAsJsonAsync($"/api/spaces/{team}/subscription", UpgradeBody()));

            var (orgAnswer, teamAnswer) = (answers[0], answers[1]);
            if (orgAnswer.StatusCode == HttpStatusCode.Created)
            {
                await Problem(teamAnswer, HttpStatusCode.Conflict, "team_in_paid_organization");
                Assert.Equal("basic", (await _api.BillingAsync(team)).GetProperty("status").GetString());
            }
            else
            {
                await Ok(teamAnswer, HttpStatusCode.Created);
                await Problem(orgAnswer, HttpStatusCode.Conflict, "teams_already_paid");
                Assert.Equal("basic", (await _api.BillingAsync(org)).GetProperty("status").GetString());
            }
        }
    }

    [Fact]
    [Trait("Rule", "S4")]
    public async Task A_division_upgrade_and_a_team_upgrade_of_that_division_sent_side_by_side_never_both_succeed()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var org = await _api.WorkspaceAsync(kind: "organization");
            var division = NewId("div");
            await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{division}", new { kind = "division", name = "Field sales", organizationId = org }));
            await _api.AddMemberAsync(division, Owner);
            var team = NewId("team");
            await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{team}", new { kind = "team", name = "North", organizationId = org, divisionId = division }));
            await _api.AddMemberAsync(team, Owner);

            var answers = await Task.WhenAll(
                _api.As(Owner).PostAsJsonAsync($"/api/spaces/{division}/subscription", UpgradeBody(seats: 2)),
                _api.As(Owner).PostAsJsonAsync($"/api/spaces/{team}/subscription", UpgradeBody(seats: 2)));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
            var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Created);
            await Problem(refused, HttpStatusCode.Conflict, refused == answers[0] ? "teams_already_paid" : "team_in_paid_organization");
        }
    }
}
