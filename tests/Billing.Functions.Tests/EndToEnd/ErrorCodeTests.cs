using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>Every domain error code of API.md, answered over HTTP with its status as problem+json.</summary>
public class ErrorCodeTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    public async Task Declined_card_answers_402_payment_failed_and_writes_nothing()
    {
        var space = await _api.WorkspaceAsync();
        var before = await BillingViewOf(space);
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(token: "pm_sandbox_declined")), HttpStatusCode.PaymentRequired, "payment_failed");
        Assert.Equal("basic", (await _api.BillingAsync(space)).GetProperty("status").GetString());
        Assert.Equal(before, await BillingViewOf(space));
        Assert.DoesNotContain(server.Sandbox.Taken, c => c.IdempotencyKey.Contains($":{space}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_or_missing_payment_method_answers_402_payment_method_missing()
    {
        var space = await _api.WorkspaceAsync();
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(token: "pm_nobody_knows")), HttpStatusCode.PaymentRequired, "payment_method_missing");
        var withoutMethod = new { tier = "starter", cycle = "monthly", seats = 5, billingOwnerId = Owner, billingInfo = new { name = "A", email = "a@b.c", address = new { line1 = "x", city = "y", country = "NL" } } };
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", withoutMethod), HttpStatusCode.PaymentRequired, "payment_method_missing");
    }

    [Fact]
    [Trait("Rule", "I1")]
    public async Task Payment_by_invoice_needs_the_sales_role_and_an_eligible_plan()
    {
        var space = await _api.WorkspaceAsync(extraMembers: 17);
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(cycle: "annual", seats: 20, provider: "invoice")), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(cycle: "monthly", seats: 20, provider: "invoice")), HttpStatusCode.UnprocessableEntity, "invoice_payment_not_eligible");
        await _api.UpgradeAsync(space, UpgradeBody(cycle: "annual", seats: 20, provider: "invoice"), _api.Sales);
        var invoice = (await _api.InvoicesAsync(space)).GetProperty("items")[0];
        Assert.Equal("open", invoice.GetProperty("status").GetString());

        // I2: the billing owner is sent to sales; sales may change the plan.
        await Problem(await _api.As(Owner).PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats = 25 }), HttpStatusCode.Conflict, "contact_sales");
        await Ok(await _api.Sales.PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats = 25 }));
    }

    [Fact]
    public async Task Plan_errors_answer_their_codes()
    {
        var space = await _api.WorkspaceAsync(extraMembers: 3); // 6 members
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody("premium")), HttpStatusCode.UnprocessableEntity, "tier_not_on_sale");
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(seats: 7)), HttpStatusCode.UnprocessableEntity, "seat_count_not_offered");
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(seats: 5)), HttpStatusCode.UnprocessableEntity, "seats_below_members");
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(seats: 10, owner: Stranger)), HttpStatusCode.UnprocessableEntity, "billing_owner_not_member");
        await Problem(await _api.As(Owner).PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats = 10 }), HttpStatusCode.Conflict, "not_subscribed");
        await _api.UpgradeAsync(space, UpgradeBody(seats: 10));
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(seats: 10)), HttpStatusCode.Conflict, "already_subscribed");
        await Problem(await _api.Directory.DeleteAsync($"/api/spaces/{space}/members/{Owner}"), HttpStatusCode.Conflict, "billing_owner_must_transfer_first");
    }

    [Fact]
    [Trait("Rule", "U6")]
    public async Task Teams_and_organizations_answer_the_U6_codes()
    {
        var org = await _api.WorkspaceAsync(kind: "organization");
        var team = await _api.WorkspaceAsync(kind: "team", organizationId: org);
        await _api.UpgradeAsync(team);
        var problem = await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{org}/subscription", UpgradeBody()), HttpStatusCode.Conflict, "teams_already_paid");
        Assert.Equal(team, problem.GetProperty("related")[0].GetString());

        var org2 = await _api.WorkspaceAsync(kind: "organization");
        var team2 = await _api.WorkspaceAsync(kind: "team", organizationId: org2);
        await _api.UpgradeAsync(org2);
        await Problem(await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{team2}/subscription", UpgradeBody()), HttpStatusCode.Conflict, "team_in_paid_organization");
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_answer_and_refuses_another_body()
    {
        var space = await _api.WorkspaceAsync();
        var client = _api.As(Owner);
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/subscription") { Content = JsonContent.Create(UpgradeBody()) };
        first.Headers.Add("Idempotency-Key", "upgrade-1");
        var firstBody = await Ok(await client.SendAsync(first), HttpStatusCode.Created);

        using var replay = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/subscription") { Content = JsonContent.Create(UpgradeBody()) };
        replay.Headers.Add("Idempotency-Key", "upgrade-1");
        var replayBody = await Ok(await client.SendAsync(replay), HttpStatusCode.Created);
        Assert.Equal(firstBody.GetRawText(), replayBody.GetRawText());
        Assert.Single((await _api.InvoicesAsync(space)).GetProperty("items").EnumerateArray());

        using var reused = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/subscription") { Content = JsonContent.Create(UpgradeBody(seats: 10)) };
        reused.Headers.Add("Idempotency-Key", "upgrade-1");
        await Problem(await client.SendAsync(reused), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task The_test_clock_exists_only_for_operators()
    {
        await Problem(await _api.As(Owner).PutAsJsonAsync("/api/operations/clock", new { now = DateTimeOffset.UtcNow }), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await server.Anonymous.PutAsJsonAsync("/api/operations/clock", new { now = DateTimeOffset.UtcNow }), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem(await _api.Operator.PutAsJsonAsync("/api/operations/clock", new { }), HttpStatusCode.BadRequest, "invalid_request");
    }

    private async Task<string> BillingViewOf(string space) => (await _api.BillingAsync(space, Colleague)).GetRawText();
}
