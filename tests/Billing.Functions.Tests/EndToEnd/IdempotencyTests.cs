using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>An <c>Idempotency-Key</c> replays the first answer to the caller who made it, and to no one else (API.md).</summary>
public class IdempotencyTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "B1")]
    public async Task A_stranger_who_knows_the_key_gets_not_found_and_not_the_owners_answer()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        await Ok(await _api.As(Owner).SendAsync(Keyed(HttpMethod.Patch, space, "subscription", "seats-1", new { seats = 10 })));

        var answer = await _api.As(Stranger).SendAsync(Keyed(HttpMethod.Patch, space, "subscription", "seats-1", new { seats = 10 }));

        var body = await answer.Content.ReadAsStringAsync();
        Assert.DoesNotContain("ap@acme.test", body, StringComparison.Ordinal);
        await Problem(answer, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    [Trait("Rule", "U7")]
    public async Task The_same_key_from_another_member_is_not_a_replay_but_a_request_of_its_own()
    {
        var space = await _api.WorkspaceAsync();
        await Ok(await _api.As(Owner).SendAsync(Keyed(space, "upgrade-1", UpgradeBody())), HttpStatusCode.Created);

        await Problem(await _api.As(Colleague).SendAsync(Keyed(space, "upgrade-1", UpgradeBody())), HttpStatusCode.Conflict, "already_subscribed");

        // And the owner's own replay still answers the first answer.
        await Ok(await _api.As(Owner).SendAsync(Keyed(space, "upgrade-1", UpgradeBody())), HttpStatusCode.Created);
    }

    [Fact]
    [Trait("Rule", "B1")]
    public async Task A_member_who_has_left_the_space_gets_not_found_for_their_own_key()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
        await Ok(await _api.As(owner).SendAsync(Keyed(HttpMethod.Patch, space, "subscription", "seats-2", new { seats = 10 })));
        await Ok(await _api.As(owner).PutAsJsonAsync($"/api/spaces/{space}/billing-owner", new { userId = Colleague }));
        await Ok(await _api.Directory.DeleteAsync($"/api/spaces/{space}/members/{owner}"));

        await Problem(await _api.As(owner).SendAsync(Keyed(HttpMethod.Patch, space, "subscription", "seats-2", new { seats = 10 })), HttpStatusCode.NotFound, "not_found");
    }

    private static HttpRequestMessage Keyed(string space, string key, object body) => Keyed(HttpMethod.Post, space, "subscription", key, body);

    private static HttpRequestMessage Keyed(HttpMethod method, string space, string route, string key, object body)
    {
        var request = new HttpRequestMessage(method, $"/api/spaces/{space}/{route}") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
