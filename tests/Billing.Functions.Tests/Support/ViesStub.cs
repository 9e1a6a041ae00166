using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests.Support;

/// <summary>
/// The EU's VIES REST API as the app's ViesClient (HttpClient) meets it: a Kestrel server on loopback
/// answering <c>POST /check-vat-number</c> with the shapes VIES documents: a registered number
/// (<c>valid: true</c>, <c>userError: VALID</c>, name and address), an unregistered one
/// (<c>valid: false</c>, <c>INVALID</c>), a member state that does not answer (<c>MS_UNAVAILABLE</c>,
/// as a 200 with <c>userError</c> or as a 500 with <c>errorWrappers</c>), and a hang past the client's timeout.
/// </summary>
public sealed class ViesStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _registered = new(StringComparer.Ordinal);

    public ViesStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/check-vat-number", (Delegate)CheckAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
    }

    /// <summary>How VIES answers now.</summary>
    public ViesMode Mode { get; set; } = ViesMode.Up;

    /// <summary>The numbers asked about, as <c>DE136695976</c>.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    public Uri BaseUrl { get; }

    /// <summary>Registers <paramref name="vatNumber"/> (with its prefix) as valid or not in its member state.</summary>
    public void Register(string vatNumber, bool valid = true) => _registered[vatNumber] = valid;

    private async Task<IResult> CheckAsync(HttpContext http)
    {
        var request = (JsonObject)(await JsonNode.ParseAsync(http.Request.Body))!;
        var country = (string)request["countryCode"]!;
        var number = (string)request["vatNumber"]!;
        Asked.Enqueue(country + number);
        switch (Mode)
        {
            case ViesMode.MemberStateUnavailable:
                return Results.Json(Answer(country, number, valid: false, "MS_UNAVAILABLE"));
            case ViesMode.ServerError:
                return Results.Json(
                    new JsonObject { ["actionSucceed"] = false, ["errorWrappers"] = new JsonArray(new JsonObject { ["error"] = "MS_UNAVAILABLE", ["message"] = "The Member State service is unavailable." }) },
                    statusCode: StatusCodes.Status500InternalServerError);
            case ViesMode.Hanging:
                await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted).ContinueWith(_ => { });
                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }

        var valid = _registered.TryGetValue(country + number, out var registered) && registered;
        return Results.Json(Answer(country, number, valid, valid ? "VALID" : "INVALID"));
    }

    private static JsonObject Answer(string country, string number, bool valid, string userError) => new()
    {
        ["countryCode"] = country,
        ["vatNumber"] = number,
        ["requestDate"] = "2026-11-30T23:00:00.000Z",
        ["valid"] = valid,
        ["requestIdentifier"] = "",
        ["name"] = valid ? "Beispiel GmbH" : "---",
        ["address"] = valid ? "Musterstrasse 1\n10115 Berlin" : "---",
        ["traderName"] = "---",
        ["traderStreet"] = "---",
        ["traderPostalCode"] = "---",
        ["traderCity"] = "---",
        ["traderCompanyType"] = "---",
        ["traderNameMatch"] = "NOT_PROCESSED",
        ["traderStreetMatch"] = "NOT_PROCESSED",
        ["traderPostalCodeMatch"] = "NOT_PROCESSED",
        ["traderCityMatch"] = "NOT_PROCESSED",
        ["traderCompanyTypeMatch"] = "NOT_PROCESSED",
        ["userError"] = userError,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public enum ViesMode
{
    Up,
    MemberStateUnavailable,
    ServerError,
    Hanging,
}
