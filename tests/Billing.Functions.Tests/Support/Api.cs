using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Billing.Functions.Tests.Support;

/// <summary>Calls of the billing API the end-to-end tests make again and again, with the checks that go with them.</summary>
public sealed class Api(BillingServerFixture server)
{
    public const string Owner = "olivia";
    public const string Colleague = "colin";
    public const string Admin = "ada";
    public const string Stranger = "stan";

    public HttpClient Directory { get; } = server.As("product-backend", "billing.directory");

    public HttpClient Sales { get; } = server.As("sam", "billing.sales");

    public HttpClient Operator { get; } = server.As("oscar", "billing.operator");

    public HttpClient As(string user) => server.As(user);

    public static string NewId(string prefix = "s") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A workspace with the owner, a colleague and an admin, plus <paramref name="extraMembers"/> more.</summary>
    public async Task<string> WorkspaceAsync(int extraMembers = 0, string kind = "workspace", string? organizationId = null, string? id = null)
    {
        var space = id ?? NewId();
        await Ok(await Directory.PutAsJsonAsync($"/api/spaces/{space}", new { kind, name = "Acme", organizationId, locale = "en-US" }));
        await AddMemberAsync(space, Owner, "member", "nl-NL");
        await AddMemberAsync(space, Colleague);
        if (kind != "team")
        {
            await AddMemberAsync(space, Admin, "admin");
        }

        for (var i = 0; i < extraMembers; i++)
        {
            await AddMemberAsync(space, $"m{i}");
        }

        return space;
    }

    /// <summary>A workspace with a billing owner-to-be of its own (<c>owner-{space}</c>), so that the mail a test reads is its own.</summary>
    public async Task<(string Space, string Owner)> WorkspaceWithOwnOwnerAsync(string? ownerLocale = null)
    {
        var space = await WorkspaceAsync();
        var owner = $"owner-{space}";
        await AddMemberAsync(space, owner, locale: ownerLocale);
        return (space, owner);
    }

    /// <summary>Such a workspace, upgraded by its own owner with the given payment method.</summary>
    public async Task<(string Space, string Owner)> SubscribedWithOwnOwnerAsync(
        string provider = "sandbox", string token = "pm_sandbox_ok", int seats = 5, string? ownerLocale = null)
    {
        var (space, owner) = await WorkspaceWithOwnOwnerAsync(ownerLocale);
        await UpgradeAsync(space, UpgradeBody(seats: seats, owner: owner, token: token, provider: provider), As(owner));
        return (space, owner);
    }

    public async Task AddMemberAsync(string space, string user, string role = "member", string? locale = null) =>
        await Ok(await Directory.PutAsJsonAsync($"/api/spaces/{space}/members/{user}", new { email = $"{user}@example.test", name = user, role, locale }));

    public static object UpgradeBody(string tier = "starter", string cycle = "monthly", int seats = 5, string owner = Owner, string token = "pm_sandbox_ok", string provider = "sandbox", string country = "NL") => new
    {
        tier,
        cycle,
        seats,
        billingOwnerId = owner,
        billingInfo = new { name = "Acme B.V.", email = "ap@acme.test", address = new { line1 = "Dam 1", city = "Amsterdam", postalCode = "1012 JS", country } },
        paymentMethod = provider == "invoice" ? (object)new { provider } : new { provider, token },
    };

    public async Task<JsonElement> UpgradeAsync(string space, object? body = null, HttpClient? caller = null) =>
        await Ok(await (caller ?? As(Owner)).PostAsJsonAsync($"/api/spaces/{space}/subscription", body ?? UpgradeBody()), HttpStatusCode.Created);

    public async Task<JsonElement> BillingAsync(string space, string user = Owner) => await Ok(await As(user).GetAsync($"/api/spaces/{space}/billing"));

    public async Task<JsonElement> InvoicesAsync(string space, string user = Owner) => await Ok(await As(user).GetAsync($"/api/spaces/{space}/invoices"));

    public async Task<int> AuditCountAsync(string space, string reader = Owner) =>
        (await Ok(await As(reader).GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").GetArrayLength();

    public async Task SetClockAsync(DateTimeOffset now) => await Ok(await Operator.PutAsJsonAsync("/api/operations/clock", new { now }));

    public static HttpContent Json(string raw) => new StringContent(raw, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json answer with the status and the stable code of API.md.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.True(problem.TryGetProperty("detail", out _));
        return problem;
    }
}
