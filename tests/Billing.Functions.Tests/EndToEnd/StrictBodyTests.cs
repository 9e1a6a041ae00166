using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>Bodies are read strictly: what a lenient reader would guess at is refused with <c>invalid_request</c> and the field in <c>errors</c>.</summary>
public class StrictBodyTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    private const string Valid =
        """{"tier":"starter","cycle":"monthly","seats":5,"billingOwnerId":"olivia","billingInfo":{"name":"Acme","email":"a@b.c","address":{"line1":"x","city":"y","country":"NL"}},"paymentMethod":{"provider":"sandbox","token":"pm_sandbox_ok"}}""";

    public static TheoryData<string, string, string> LenientUpgradeBodies => new()
    {
        { "seats as a string", Valid.Replace("\"seats\":5", "\"seats\":\"10\"", StringComparison.Ordinal), "seats" },
        { "a key twice", Valid.Replace("\"tier\":\"starter\"", "\"tier\":\"business\",\"tier\":\"starter\"", StringComparison.Ordinal), "tier" },
        { "a nested key twice", Valid.Replace("\"name\":\"Acme\"", "\"name\":\"Acme\",\"name\":\"Evil\"", StringComparison.Ordinal), "billingInfo.name" },
        { "a control character in the name", Valid.Replace("\"name\":\"Acme\"", "\"name\":\"Acme\\u0007\\u001b[2J\"", StringComparison.Ordinal), "billingInfo.name" },
        { "a line break in the city", Valid.Replace("\"city\":\"y\"", "\"city\":\"Amsterdam\\r\\nBcc: x@evil.test\"", StringComparison.Ordinal), "billingInfo.address.city" },
        { "an unassigned country", Valid.Replace("\"country\":\"NL\"", "\"country\":\"ZZ\"", StringComparison.Ordinal), "billingInfo.address.country" },
    };

    [Theory]
    [MemberData(nameof(LenientUpgradeBodies))]
    public async Task A_body_a_lenient_reader_would_accept_is_refused_with_invalid_request_naming_the_field(string what, string body, string field)
    {
        var space = await _api.WorkspaceAsync();

        var problem = await Problem(await _api.As(Owner).PostAsync($"/api/spaces/{space}/subscription", Json(body)), HttpStatusCode.BadRequest, "invalid_request");

        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{what}: {problem}");
        Assert.Equal("basic", (await _api.BillingAsync(space)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"seats":"10"}""", "seats")]
    [InlineData("""{"seats":10,"seats":20}""", "seats")]
    [InlineData("""[1,2,3]""", "body")]
    [InlineData("""{"tier":{"id":"business"}}""", "tier")]
    public async Task A_change_body_of_the_wrong_shape_names_the_field_and_no_type_of_ours(string body, string field)
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);

        var answer = await _api.As(Owner).PatchAsync($"/api/spaces/{space}/subscription", Json(body));

        var text = await answer.Content.ReadAsStringAsync();
        var problem = await Problem(answer, HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
        Assert.DoesNotContain("Billing.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.Equal(5, (await _api.BillingAsync(space)).GetProperty("seats").GetInt32());
    }

    [Fact]
    public async Task Names_with_control_characters_are_refused_for_spaces_and_members()
    {
        var space = await _api.WorkspaceAsync();

        var spaceProblem = await Problem(await _api.Directory.PutAsync($"/api/spaces/{space}", Json("""{"kind":"workspace","name":"Acme\u0000Corp"}""")), HttpStatusCode.BadRequest, "invalid_request");
        var memberProblem = await Problem(
            await _api.Directory.PutAsync($"/api/spaces/{space}/members/mallory", Json("""{"email":"m@acme.test","name":"Mal\u202Elory\u0008","role":"member"}""")), HttpStatusCode.BadRequest, "invalid_request");

        Assert.True(spaceProblem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(memberProblem.GetProperty("errors").TryGetProperty("name", out _));
        await Problem(await _api.As("mallory").GetAsync($"/api/spaces/{space}/billing"), HttpStatusCode.NotFound, "not_found");
    }
}
