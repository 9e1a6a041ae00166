using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests.Support;

/// <summary>
/// Application Insights' ingestion endpoint on a loopback port, as far as the Azure Monitor exporter
/// uses it: <c>POST /v2.1/track</c> with newline-delimited JSON envelopes (gzip or not), answered
/// with the count it accepted. Keeps every envelope, to read the telemetry the server sent.
/// </summary>
public sealed class IngestionReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestionReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonElement> Envelopes { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<IngestionReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls=http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new IngestionReceiver(app);
        app.MapPost("/v2.1/track", (Func<HttpContext, Task<IResult>>)receiver.TrackAsync);
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return receiver;
    }

    /// <summary>The envelopes whose <c>data.baseData</c> satisfies <paramref name="match"/>.</summary>
    public IEnumerable<JsonElement> BaseData(string baseType, Func<JsonElement, bool> match) =>
        Envelopes
            .Where(e => e.TryGetProperty("data", out var data) && data.TryGetProperty("baseType", out var type) && type.GetString() == baseType)
            .Select(e => e.GetProperty("data").GetProperty("baseData"))
            .Where(match);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> TrackAsync(HttpContext http)
    {
        Stream body = http.Request.Body;
        if (http.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(body);
        var accepted = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                Envelopes.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
                accepted++;
            }
        }

        return Results.Json(new { itemsReceived = accepted, itemsAccepted = accepted, errors = Array.Empty<object>() });
    }
}
