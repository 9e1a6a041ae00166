using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>A server whose storage does not answer: a port nobody listens on.</summary>
public sealed class ServerWithoutStorage : BillingServerFixture
{
    protected override string[] Arguments => Settings(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"BlobEndpoint=http://127.0.0.1:{DeadPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{DeadPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{DeadPort}/devstoreaccount1;");

    private static int DeadPort
    {
        get
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

public class StorageOutageTests(ServerWithoutStorage server) : IClassFixture<ServerWithoutStorage>
{
    [Fact]
    public async Task Without_storage_reads_and_writes_answer_503_storage_unavailable_with_retry_after()
    {
        var api = new Api(server);
        var read = await api.As(Owner).GetAsync($"/api/spaces/{NewId()}/billing");
        await Problem(read, HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        Assert.NotNull(read.Headers.RetryAfter);
        await Problem(await api.As(Owner).PostAsJsonAsync($"/api/spaces/{NewId()}/subscription", UpgradeBody()), HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        await Problem(await api.Directory.PutAsJsonAsync($"/api/spaces/{NewId()}", new { kind = "workspace", name = "X" }), HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        await Problem(await server.Anonymous.GetAsync("/api/health"), HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        await Ok(await server.Anonymous.GetAsync("/api/plans"));
    }
}
