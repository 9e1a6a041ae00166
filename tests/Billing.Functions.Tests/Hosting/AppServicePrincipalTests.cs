using System.Net;
using System.Net.Http.Json;
using System.Text;
using Billing.Functions.Tests.Support;

namespace Billing.Functions.Tests.Hosting;

/// <summary>A server behind App Service authentication, which trusts its principal header.</summary>
public sealed class ServerBehindAppService : BillingServerFixture
{
    protected override string[] Arguments => [.. Settings(), "--Auth:TrustAppServicePrincipal=true"];
}

public class AppServicePrincipalTests(ServerBehindAppService server) : IClassFixture<ServerBehindAppService>
{
    [Fact]
    public async Task A_trusted_principal_header_authenticates_with_its_user_and_roles()
    {
        var api = new Api(server);
        var space = Api.NewId();
        using var create = new HttpRequestMessage(HttpMethod.Put, $"/api/spaces/{space}") { Content = JsonContent.Create(new { kind = "workspace", name = "X" }) };
        create.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principal("product", "billing.directory"));
        await Api.Ok(await server.Anonymous.SendAsync(create));
        await api.AddMemberAsync(space, Api.Owner);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/spaces/{space}/billing");
        read.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principal(Api.Owner));
        Assert.Equal("basic", (await Api.Ok(await server.Anonymous.SendAsync(read))).GetProperty("status").GetString());

        using var forged = new HttpRequestMessage(HttpMethod.Get, $"/api/spaces/{space}/billing");
        forged.Headers.Add("X-MS-CLIENT-PRINCIPAL", "not base64 json");
        await Api.Problem(await server.Anonymous.SendAsync(forged), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static string Principal(string user, params string[] roles)
    {
        var claims = string.Join(",", roles.Select(r => $$"""{"typ":"roles","val":"{{r}}"}""").Prepend($$"""{"typ":"sub","val":"{{user}}"}"""));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{{claims}}]}"""));
    }
}
