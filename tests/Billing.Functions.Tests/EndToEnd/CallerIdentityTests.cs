using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>Who the server takes a caller to be, and which request the audit trail says a change came from (A1).</summary>
public class CallerIdentityTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Theory]
    [InlineData(ClaimTypes.Role)]
    [InlineData("role")]
    [InlineData("scp")]
    public async Task Only_the_roles_claim_grants_service_roles(string claim)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Mint("product-backend", ["billing.directory"], rolesClaim: claim));

        await Problem(await client.PutAsJsonAsync($"/api/spaces/{NewId()}", new { kind = "workspace", name = "X" }), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    [Trait("Rule", "A1")]
    public async Task A_callers_request_id_is_kept_only_beside_one_the_server_generates()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/subscription/cancel");
            cancel.Headers.Add("X-Request-Id", "chosen-by-caller");
            await Ok(await _api.As(Owner).SendAsync(cancel));
            using var resume = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/subscription/resume");
            resume.Headers.Add("X-Request-Id", "chosen-by-caller");
            await Ok(await _api.As(Owner).SendAsync(resume));
        }

        var ids = (await Ok(await _api.As(Owner).GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() is "cancellation_scheduled" or "cancellation_withdrawn")
            .Select(e => e.GetProperty("requestId").GetString()!)
            .ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.NotEqual("chosen-by-caller", id);
            Assert.EndsWith(";client=chosen-by-caller", id, StringComparison.Ordinal);
        });
    }
}
