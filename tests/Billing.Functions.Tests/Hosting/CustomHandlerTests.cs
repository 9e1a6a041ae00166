using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Billing.Functions.Tests.Support;

namespace Billing.Functions.Tests.Hosting;

/// <summary>The server as the Functions host starts it: on FUNCTIONS_CUSTOMHANDLER_PORT.</summary>
public sealed class HostedServer : BillingServerFixture
{
    public static readonly int Port = FreePort();

    protected override string[] Arguments => [.. Settings(), $"--FUNCTIONS_CUSTOMHANDLER_PORT={Port}"];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public class CustomHandlerTests(HostedServer server) : IClassFixture<HostedServer>
{
    [Fact]
    public async Task Under_the_host_the_server_listens_on_the_port_it_is_given_and_answers_the_readiness_probe()
    {
        Assert.Equal(HostedServer.Port, server.BaseAddress.Port);
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_timer_invocation_runs_the_renewal_pass_and_answers_the_invocation_shape()
    {
        using var content = Api.Json("""{"Data":{"timer":{"Schedule":{},"IsPastDue":false}},"Metadata":{}}""");
        var answer = await Api.Ok(await server.Anonymous.PostAsync("/RenewalRun", content));
        Assert.True(answer.TryGetProperty("Outputs", out _));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("ReturnValue").ValueKind);
        var summary = JsonDocument.Parse(answer.GetProperty("Logs")[0].GetString()!).RootElement;
        Assert.True(summary.TryGetProperty("remaining", out _));
    }

    [Fact]
    public async Task A_queue_invocation_takes_its_batch_as_a_string_or_an_object()
    {
        using var asString = Api.Json("""{"Data":{"batch":"{\"spaces\":[]}"},"Metadata":{}}""");
        await Api.Ok(await server.Anonymous.PostAsync("/RenewalBatch", asString));
        using var asObject = Api.Json("""{"Data":{"batch":{"spaces":[]}},"Metadata":{}}""");
        await Api.Ok(await server.Anonymous.PostAsync("/RenewalBatch", asObject));
        using var empty = Api.Json("""{"Data":{},"Metadata":{}}""");
        await Api.Problem(await server.Anonymous.PostAsync("/RenewalBatch", empty), HttpStatusCode.BadRequest, "invalid_request");
    }
}

public class StandaloneServerTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    [Fact]
    public async Task Outside_the_host_the_invocation_routes_do_not_exist()
    {
        await Api.Problem(await server.Anonymous.PostAsync("/RenewalRun", Api.Json("{}")), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.Problem(await server.As("oscar", "billing.operator").PostAsync("/RenewalRun", Api.Json("{}")), HttpStatusCode.NotFound, "not_found");
    }
}
