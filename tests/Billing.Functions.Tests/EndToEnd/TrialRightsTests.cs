using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>U10: only the member who started a trial, or an admin of the space, may stop it.</summary>
public sealed class TrialRightsTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "U10")]
    public async Task Another_member_may_not_stop_a_trial_and_the_trial_goes_on()
    {
        var space = await _api.WorkspaceAsync();
        await Ok(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/trial", new { tier = "advanced" }), HttpStatusCode.Created);
        var colleagueView = await _api.BillingAsync(space, Colleague);
        Assert.DoesNotContain("stopTrial", colleagueView.GetProperty("caller").GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        await Problem(await _api.As(Colleague).DeleteAsync($"/api/spaces/{space}/trial"), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.As(Colleague).PostAsync($"/api/spaces/{space}/subscription/cancel", null), HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal("trialing", (await _api.BillingAsync(space)).GetProperty("status").GetString());
    }

    [Theory]
    [Trait("Rule", "U10")]
    [InlineData(Owner)]
    [InlineData(Admin)]
    public async Task The_member_who_started_the_trial_or_an_admin_stops_it_at_once(string stopper)
    {
        var space = await _api.WorkspaceAsync();
        await Ok(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/trial", new { tier = "advanced" }), HttpStatusCode.Created);

        var stopped = await Ok(await _api.As(stopper).DeleteAsync($"/api/spaces/{space}/trial"));

        Assert.Equal("basic", stopped.GetProperty("status").GetString());
    }
}
