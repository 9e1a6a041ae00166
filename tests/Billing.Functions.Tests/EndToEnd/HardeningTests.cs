using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>What a hostile reader of the answers must not learn or be able to do, and the headers every billing answer carries.</summary>
public class HardeningTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "B1")]
    public async Task Billing_invoice_and_pdf_answers_are_never_stored_by_caches_and_never_sniffed()
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space);
        foreach (var route in new[] { "billing", "invoices", "invoices/latest", "invoices/latest/pdf", "audit", "billing-info" })
        {
            var answer = await _api.As(Owner).GetAsync($"/api/spaces/{space}/{route}");

            Assert.True(answer.IsSuccessStatusCode, route);
            Assert.True(answer.Headers.CacheControl?.NoStore, $"{route}: Cache-Control {answer.Headers.CacheControl}");
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
        }

        var problem = await _api.As(Stranger).GetAsync($"/api/spaces/{space}/billing");
        Assert.True(problem.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", problem.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Head_on_health_answers_as_get_does_without_a_token()
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, "/api/health");
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.SendAsync(head)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_names_no_server_taken_from_the_host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.Host = "attacker.example";

        var text = await (await server.Anonymous.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("attacker.example", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_too_large_answer_431_with_a_problem_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("X-Padding", new string('x', 40 * 1024));

        await Problem(await server.Anonymous.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "invalid_request");
    }

    // Review finding 8: Kestrel refuses a raw NUL at its parser, before the app can add a problem body
    // (docs/ENDPOINTS.md, "What the app never sees"); this pins that it is refused and how.
    [Fact]
    public async Task A_raw_nul_in_the_path_is_refused_400_by_kestrel_before_the_app_without_a_body()
    {
        var answer = await RawAsync("GET /api/hea\0lth HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 0", answer, StringComparison.OrdinalIgnoreCase);
    }

    // Review finding 8: Kestrel's path decoder refuses a percent-encoded NUL the same way: the app never
    // sees it either (its own 400s carry application/problem+json, this one carries nothing).
    [Fact]
    public async Task A_percent_encoded_nul_in_the_path_is_refused_400_by_kestrel_before_the_app_without_a_body()
    {
        var answer = await server.As(Owner).GetAsync("/api/spaces/a%00b/billing");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Content.Headers.ContentType);
        Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
    }

    private async Task<string> RawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }
}

/// <summary>On a server with neither Stripe nor PayPal configured.</summary>
public class UnconfiguredProviderTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    [Theory]
    [InlineData("stripe")]
    [InlineData("paypal")]
    public async Task A_webhook_of_a_provider_not_configured_answers_404_without_naming_settings(string provider)
    {
        var answer = await server.Anonymous.PostAsync($"/api/webhooks/{provider}", JsonContent.Create(new { id = "evt_1" }));

        var text = await answer.Content.ReadAsStringAsync();
        await Problem(answer, HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain("__", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", text, StringComparison.OrdinalIgnoreCase);
    }
}
