using System.Net;
using System.Net.Http.Json;
using System.Text;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>Bad input always gets a 4xx problem+json with a stable code, never a 500, and writes nothing.</summary>
public class BadInputTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    public static TheoryData<string, string> BadUpgradeBodies => new()
    {
        { "malformed", """{"tier": "starter", """ },
        { "not an object", "[1,2,3]" },
        { "ill-typed seats", """{"tier":"starter","cycle":"monthly","seats":"five"}""" },
        { "fractional seats", """{"tier":"starter","cycle":"monthly","seats":5.5}""" },
        { "huge seats", """{"tier":"starter","cycle":"monthly","seats":99999999999999}""" },
        { "unknown cycle", """{"tier":"starter","cycle":"weekly","seats":5,"billingOwnerId":"olivia","billingInfo":{"name":"A","email":"a@b.c","address":{"line1":"x","city":"y","country":"NL"}},"paymentMethod":{"provider":"sandbox","token":"pm_sandbox_ok"}}""" },
        { "bad country", """{"tier":"starter","cycle":"monthly","seats":5,"billingOwnerId":"olivia","billingInfo":{"name":"A","email":"a@b.c","address":{"line1":"x","city":"y","country":"Netherlands"}},"paymentMethod":{"provider":"sandbox","token":"pm_sandbox_ok"}}""" },
        { "bad email", """{"tier":"starter","cycle":"monthly","seats":5,"billingOwnerId":"olivia","billingInfo":{"name":"A","email":"not-an-email","address":{"line1":"x","city":"y","country":"NL"}},"paymentMethod":{"provider":"sandbox","token":"pm_sandbox_ok"}}""" },
        { "overlong owner id", """{"tier":"starter","cycle":"monthly","seats":5,"billingOwnerId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","billingInfo":{"name":"A","email":"a@b.c","address":{"line1":"x","city":"y","country":"NL"}},"paymentMethod":{"provider":"sandbox","token":"pm_sandbox_ok"}}""" },
        { "unknown provider", """{"tier":"starter","cycle":"monthly","seats":5,"billingOwnerId":"olivia","billingInfo":{"name":"A","email":"a@b.c","address":{"line1":"x","city":"y","country":"NL"}},"paymentMethod":{"provider":"bitcoin","token":"x"}}""" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(BadUpgradeBodies))]
    public async Task A_bad_upgrade_body_answers_400_invalid_request_and_writes_nothing(string what, string body)
    {
        var space = await _api.WorkspaceAsync();
        var problem = await Problem(await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription", Json(body)), HttpStatusCode.BadRequest, "invalid_request");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), what);
        Assert.Equal("basic", (await _api.BillingAsync(space)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Field_errors_name_every_field_that_is_wrong()
    {
        var space = await _api.WorkspaceAsync();
        var problem = await Problem(
            await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", new { tier = "", cycle = "weekly", seats = 0 }), HttpStatusCode.BadRequest, "invalid_request");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("tier", out _));
        Assert.True(errors.TryGetProperty("cycle", out _));
        Assert.True(errors.TryGetProperty("seats", out _));
        Assert.True(errors.TryGetProperty("billingInfo", out _));
    }

    [Fact]
    public async Task A_deeply_nested_body_answers_400()
    {
        var space = await _api.WorkspaceAsync();
        var nested = new string('[', 100) + new string(']', 100);
        var body = "{\"tier\":\"starter\",\"cycle\":\"monthly\",\"seats\":5,\"billingInfo\":{\"name\":" + nested + "}}";
        await Problem(await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription", Json(body)), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_problem_json()
    {
        var space = await _api.WorkspaceAsync();
        var body = "{\"tier\":\"starter\",\"padding\":\"" + new string('x', 200_000) + "\"}";
        await Problem(await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription", Json(body)), HttpStatusCode.RequestEntityTooLarge, "invalid_request");
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("dots.are.not.allowed")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("%C3%BCml%C3%A4ut")]
    public async Task A_bad_space_id_answers_400(string spaceId)
    {
        await Problem(await _api.As(Owner).GetAsync($"/api/spaces/{spaceId}/billing"), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{spaceId}", new { kind = "workspace", name = "X" }), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_bad_member_body_or_id_answers_400_and_adds_no_one()
    {
        var space = await _api.WorkspaceAsync();
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{space}/members/x", new { email = "x@y.z", role = "owner" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{space}/members/{new string('u', 65)}", new { email = "x@y.z", role = "member" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{space}", new { kind = "team", name = "T" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{space}", new { kind = "organization", name = "Acme" }), HttpStatusCode.BadRequest, "invalid_request");
        await _api.UpgradeAsync(space, UpgradeBody(seats: 3));
        Assert.Equal(3, (await _api.BillingAsync(space)).GetProperty("seatUsage").GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task Bad_paging_answers_400()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        await Problem(await _api.As(Owner).GetAsync($"/api/spaces/{space}/invoices?pageSize=0"), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.As(Owner).GetAsync($"/api/spaces/{space}/invoices?pageSize=abc"), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.As(Owner).GetAsync($"/api/spaces/{space}/invoices?continuationToken=forged"), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.As(Owner).GetAsync($"/api/spaces/{space}/audit?continuationToken=Zm9yZ2Vk"), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_problem_json()
    {
        await Problem(await _api.As(Owner).GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");
        await Problem(await _api.As(Owner).DeleteAsync($"/api/spaces/{NewId()}/billing"), HttpStatusCode.MethodNotAllowed, "invalid_request");
        await Problem(await _api.As(Owner).GetAsync($"/api/spaces/{NewId()}/invoices/no-such-invoice"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415_problem_json()
    {
        var space = await _api.WorkspaceAsync();
        using var content = new StringContent("tier=starter", Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription", content);
        Assert.True((int)response.StatusCode is 400 or 415, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
