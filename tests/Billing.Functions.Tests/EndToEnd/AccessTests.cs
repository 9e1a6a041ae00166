using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>API.md's 401/403/404 rules, route by route, for each kind of caller.</summary>
public class AccessTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    public static TheoryData<string, string, string> OwnerRoutes => new()
    {
        { "PATCH", "subscription", """{"seats":10}""" },
        { "POST", "subscription/cancel", "" },
        { "POST", "subscription/resume", "" },
        { "PUT", "billing-owner", """{"userId":"colin"}""" },
        { "GET", "billing-info", "" },
        { "PUT", "billing-info", """{"name":"A","email":"a@b.c","address":{"line1":"x","city":"y","country":"NL"}}""" },
        { "POST", "payment-method/setup", """{"provider":"sandbox"}""" },
        { "PUT", "payment-method", """{"provider":"sandbox","token":"pm_sandbox_ok"}""" },
        { "GET", "invoices", "" },
        { "GET", "invoices/latest", "" },
        { "GET", "invoices/latest/pdf", "" },
        { "GET", "audit", "" },
    };

    public static TheoryData<string, string, string> MemberRoutes => new()
    {
        { "GET", "billing", "" },
        { "POST", "subscription/preview", """{"tier":"starter","cycle":"monthly","seats":5}""" },
        { "POST", "subscription", """{"tier":"starter","cycle":"monthly","seats":5}""" },
        { "POST", "trial", """{"tier":"advanced"}""" },
        { "DELETE", "trial", "" },
    };

    [Theory]
    [Trait("Rule", "B1")]
    [MemberData(nameof(OwnerRoutes))]
    public async Task Billing_owner_routes_answer_401_anonymous_404_stranger_403_member_and_admin(string method, string route, string body)
    {
        var space = await SubscribedSpace();
        await Problem(await Send(server.Anonymous, method, space, route, body), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem(await Send(_api.As(Stranger), method, space, route, body), HttpStatusCode.NotFound, "not_found");
        await Problem(await Send(_api.As(Colleague), method, space, route, body), HttpStatusCode.Forbidden, "not_billing_owner");
        await Problem(await Send(_api.As(Admin), method, space, route, body), HttpStatusCode.Forbidden, "not_billing_owner");
        await Problem(await Send(_api.As(Owner), method, "s-does-not-exist", route, body), HttpStatusCode.NotFound, "not_found");
        await Problem(await Send(_api.Directory, method, space, route, body), HttpStatusCode.NotFound, "not_found");
        if (route != "billing-owner")
        {
            // B8: an operator may transfer ownership when the owner has left (OwnerRecoveryTests); nothing else.
            await Problem(await Send(_api.Operator, method, space, route, body), HttpStatusCode.NotFound, "not_found");
        }

        var answer = await Send(_api.As(Owner), method, space, route, body);
        Assert.True(answer.IsSuccessStatusCode, $"{method} {route} as the billing owner: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [MemberData(nameof(MemberRoutes))]
    public async Task Member_routes_answer_401_anonymous_and_404_to_strangers_and_to_unknown_spaces(string method, string route, string body)
    {
        var space = await _api.WorkspaceAsync();
        await Problem(await Send(server.Anonymous, method, space, route, body), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem(await Send(_api.As(Stranger), method, space, route, body), HttpStatusCode.NotFound, "not_found");
        await Problem(await Send(_api.As(Owner), method, "s-does-not-exist", route, body), HttpStatusCode.NotFound, "not_found");
        await Problem(await Send(_api.Directory, method, space, route, body), HttpStatusCode.NotFound, "not_found");
    }

    public static TheoryData<string, string, string> ProbingRequests => new()
    {
        { "PUT", "members/x", """{"email":"x@y.z","role":"member"}""" },
        { "PUT", "members/x", """{"email":"not an email","role":"owner"}""" },
        { "DELETE", "members/x", "" },
        { "POST", "subscription/preview", """{"tier":"starter","cycle":"monthly","seats":5}""" },
        { "POST", "subscription/preview", """{"tier":"","cycle":"weekly","seats":0}""" },
        { "POST", "subscription", """{"tier":"","cycle":"weekly","seats":0}""" },
        { "PATCH", "subscription", """{"seats":0}""" },
        { "POST", "trial", """{"tier":"no-such-tier"}""" },
        { "GET", "invoices?pageSize=0", "" },
    };

    [Theory]
    [Trait("Rule", "B1")]
    [MemberData(nameof(ProbingRequests))]
    public async Task A_caller_who_is_not_a_member_gets_the_same_answer_for_an_existing_and_a_missing_space(string method, string route, string body)
    {
        var space = await SubscribedSpace();
        foreach (var caller in new[] { _api.As(Stranger), _api.Operator })
        {
            var existing = await Send(caller, method, space, route, body);
            var missing = await Send(caller, method, NewId(), route, body);

            var (existingStatus, existingBody) = (existing.StatusCode, await existing.Content.ReadAsStringAsync());
            Assert.True(existingStatus == missing.StatusCode, $"{method} {route}: {(int)existingStatus} {existingBody} for an existing space, {(int)missing.StatusCode} {await missing.Content.ReadAsStringAsync()} for a missing one");
        }
    }

    [Theory]
    [Trait("Rule", "S3")]
    [InlineData("PUT", """{"email":"x@y.z","role":"member"}""")]
    [InlineData("PUT", """{"role":"owner"}""")]
    [InlineData("DELETE", "")]
    public async Task Member_routes_answer_403_to_callers_without_the_directory_role_whether_or_not_the_space_exists(string method, string body)
    {
        var space = await _api.WorkspaceAsync();
        foreach (var caller in new[] { _api.As(Owner), _api.As(Admin), _api.As(Stranger), _api.Sales })
        {
            await Problem(await Send(caller, method, space, $"members/{Colleague}", body), HttpStatusCode.Forbidden, "forbidden");
            await Problem(await Send(caller, method, NewId(), $"members/{Colleague}", body), HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    [Trait("Rule", "S3")]
    public async Task Directory_routes_need_the_directory_role()
    {
        var space = await _api.WorkspaceAsync();
        await Problem(await server.Anonymous.PutAsJsonAsync($"/api/spaces/{space}", new { kind = "workspace", name = "X" }), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}", new { kind = "workspace", name = "X" }), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.As(Admin).PutAsJsonAsync($"/api/spaces/{space}/members/{Stranger}", new { email = "s@x.y", role = "member" }), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.Sales.DeleteAsync($"/api/spaces/{space}/members/{Colleague}"), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/s-unknown/members/{Stranger}", new { email = "s@x.y", role = "member" }), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Operator_routes_need_the_operator_role()
    {
        await Problem(await _api.As(Owner).PostAsync("/api/operations/renewal-run", null), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await server.Anonymous.PostAsync("/api/operations/renewal-run", null), HttpStatusCode.Unauthorized, "unauthenticated");
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
    }

    [Fact]
    [Trait("Rule", "I3")]
    public async Task Sales_may_cancel_a_plan_it_is_not_a_member_of_and_read_its_invoices_but_an_admin_may_not()
    {
        var space = await SubscribedSpace();
        await Ok(await _api.Sales.PostAsync($"/api/spaces/{space}/subscription/cancel", null));
        Assert.Equal(1, (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices"))).GetProperty("items").GetArrayLength());
        await Problem(await _api.As(Admin).GetAsync($"/api/spaces/{space}/invoices"), HttpStatusCode.Forbidden, "not_billing_owner");
        await Problem(await _api.Sales.GetAsync($"/api/spaces/{NewId()}/invoices"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("wrong-issuer", Tokens.Audience, null, false)]
    [InlineData(Tokens.Issuer, "wrong-audience", null, false)]
    [InlineData(Tokens.Issuer, Tokens.Audience, "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=", false)]
    [InlineData(Tokens.Issuer, Tokens.Audience, null, true)]
    public async Task Tokens_that_do_not_validate_answer_401(string issuer, string audience, string? key, bool expired)
    {
        var space = await _api.WorkspaceAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Mint(Owner, [], issuer, audience, key, expired ? DateTime.UtcNow.AddHours(-1) : null));
        await Problem(await client.GetAsync($"/api/spaces/{space}/billing"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has spaces")]
    [InlineData("a-very-long-subject-of-more-than-sixty-four-characters-xxxxxxxxxxxxxxxxxx")]
    public async Task A_token_whose_subject_is_not_a_valid_user_id_answers_401(string? subject)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Mint(subject, []));
        await Problem(await client.GetAsync($"/api/spaces/{NewId()}/billing"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Roles_may_come_as_one_string_or_as_an_array()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Mint("product", ["billing.directory"], rolesAsOneString: true));
        await Ok(await client.PutAsJsonAsync($"/api/spaces/{NewId()}", new { kind = "workspace", name = "X" }));
        await Ok(await _api.Directory.PutAsJsonAsync($"/api/spaces/{NewId()}", new { kind = "workspace", name = "X" }));
    }

    [Fact]
    public async Task The_app_service_principal_header_is_ignored_unless_trusted()
    {
        var principal = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"sub","val":"olivia"}]}"""));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/spaces/{NewId()}/billing");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        await Problem(await server.Anonymous.SendAsync(request), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private async Task<string> SubscribedSpace()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        return space;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string space, string route, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/spaces/{space}/{route}");
        if (body.Length > 0)
        {
            request.Content = Json(body);
        }

        return client.SendAsync(request);
    }
}
