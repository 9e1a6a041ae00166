using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// The server as the Functions host starts it: on FUNCTIONS_CUSTOMHANDLER_PORT. The settings also ask
/// for every interface, as a stray <c>ASPNETCORE_URLS</c> would: under the host only loopback is heard.
/// </summary>
public sealed class HostedServer : BillingServerFixture
{
    public static readonly int Port = FreePort();

    protected override string[] Arguments => [.. Settings(), "--urls=http://0.0.0.0:0", $"--FUNCTIONS_CUSTOMHANDLER_PORT={Port}"];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public class CustomHandlerTests(HostedServer server) : IClassFixture<HostedServer>
{
    private readonly Api _api = new(server);

    [Fact]
    public async Task Under_the_host_the_server_listens_on_loopback_only_on_the_port_it_is_given_and_answers_the_readiness_probe()
    {
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.Equal($"http://127.0.0.1:{HostedServer.Port}", Assert.Single(addresses));
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync("/")).StatusCode);
    }

    [Fact]
    [Trait("Rule", "R1")]
    public async Task A_timer_invocation_renews_the_due_spaces_and_answers_the_invocation_shape()
    {
        var space = await DueSpaceAsync();
        var answer = await Ok(await server.Anonymous.SendAsync(Invocation("RenewalRun", """{"Data":{"timer":{"Schedule":{},"IsPastDue":false}},"Metadata":{}}""")));

        Assert.True(answer.TryGetProperty("Outputs", out _));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("ReturnValue").ValueKind);
        var summary = JsonDocument.Parse(answer.GetProperty("Logs")[0].GetString()!).RootElement;
        Assert.True(summary.GetProperty("renewed").GetInt32() >= 1);
        Assert.Equal(2, (await _api.InvoicesAsync(space)).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [Trait("Rule", "R2")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_queue_invocation_renews_the_spaces_its_batch_names_whether_the_message_is_a_string_or_an_object(bool asString)
    {
        var space = await DueSpaceAsync();
        var dueAt = (await _api.BillingAsync(space)).GetProperty("renewsAt").GetDateTimeOffset();
        var batch = JsonSerializer.Serialize(new { spaces = new[] { new { space, dueAt } } });
        var message = asString ? JsonSerializer.Serialize(batch) : batch;

        var answer = await Ok(await server.Anonymous.SendAsync(Invocation("RenewalBatch", $$$"""{"Data":{"batch":{{{message}}}},"Metadata":{}}""")));

        var summary = JsonDocument.Parse(answer.GetProperty("Logs")[0].GetString()!).RootElement;
        Assert.Equal(1, summary.GetProperty("renewed").GetInt32());
        Assert.Equal(2, (await _api.InvoicesAsync(space)).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"Data":{},"Metadata":{}}""")]
    [InlineData("""{"Data":{"batch":"not json"},"Metadata":{}}""")]
    [InlineData("""{"Data":{"batch":{"spaces":null}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"batch":{}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"batch":{"spaces":[{"space":"../x","dueAt":"2026-01-01T00:00:00Z"}]}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"batch":{"spaces":[{"dueAt":"2026-01-01T00:00:00Z"}]}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"batch":{"spaces":[{"space":"s-1"}]}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"batch":{"spaces":[{"space":"s-1","dueAt":"yesterday"}]}},"Metadata":{}}""")]
    [InlineData("""[]""")]
    public async Task A_queue_invocation_with_a_batch_that_is_not_one_answers_400_invalid_request(string invocation)
    {
        await Problem(await server.Anonymous.SendAsync(Invocation("RenewalBatch", invocation)), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("RenewalRun")]
    [InlineData("RenewalBatch")]
    public async Task An_invocation_route_called_without_the_hosts_invocation_id_does_not_exist(string function)
    {
        var body = function == "RenewalRun" ? "{\"Data\":{},\"Metadata\":{}}" : "{\"Data\":{\"batch\":{\"spaces\":[]}},\"Metadata\":{}}";
        await Problem(await server.Anonymous.PostAsync($"/{function}", Json(body)), HttpStatusCode.NotFound, "not_found");
        await Problem(await _api.Operator.PostAsync($"/{function}", Json(body)), HttpStatusCode.NotFound, "not_found");
    }

    // As the Functions host sends an invocation: POST /{FunctionName} with its invocation id and host version.
    private static HttpRequestMessage Invocation(string function, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{function}") { Content = Json(body) };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1040.300.0");
        return request;
    }

    // A subscribed space whose renewal the server's clock has reached.
    private async Task<string> DueSpaceAsync()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        var renewsAt = (await _api.BillingAsync(space)).GetProperty("renewsAt").GetDateTimeOffset();
        await _api.SetClockAsync(renewsAt.AddMinutes(1));
        return space;
    }
}

public class StandaloneServerTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    [Fact]
    public async Task Outside_the_host_the_invocation_routes_do_not_exist()
    {
        await Problem(await server.Anonymous.PostAsync("/RenewalRun", Json("{}")), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem(await server.As("oscar", "billing.operator").PostAsync("/RenewalRun", Json("{}")), HttpStatusCode.NotFound, "not_found");
    }
}
