using Azure.Identity;
using Billing.Functions.Hosting;
using Billing.Functions.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Billing.Functions.Tests.Hosting;

public class TelemetryTests
{
    [Fact]
    public async Task With_an_application_insights_connection_string_requests_and_the_renewal_pass_reach_the_ingestion_endpoint()
    {
        await using var ingestion = await IngestionReceiver.StartAsync();
        var app = BillingServer.Build([.. BillingServerFixture.Settings(),
            $"--APPLICATIONINSIGHTS_CONNECTION_STRING=InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint={ingestion.Endpoint}"]);
        await using (app)
        {
            await app.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.For("oscar", "billing.operator"));
            await Api.Ok(await client.GetAsync("/api/plans"));
            await Api.Ok(await client.PostAsync("/api/operations/renewal-run", null));

            // The batch exporter sends every few seconds; a loaded machine may take longer.
            for (var waited = 0; waited < 600 && !(Plans(ingestion).Any() && RenewalPass(ingestion).Any()); waited++)
            {
                await Task.Delay(100);
            }
        }

        // The ASP.NET Core spans are process-wide: other test servers' requests may be here too.
        Assert.Contains(Plans(ingestion), r => r.GetProperty("responseCode").GetString() == "200");
        Assert.NotEmpty(RenewalPass(ingestion));
        Assert.NotEmpty(ingestion.BaseData("RequestData", d => d.GetProperty("name").GetString() == "POST /api/operations/renewal-run"));
    }

    private static IEnumerable<System.Text.Json.JsonElement> Plans(IngestionReceiver ingestion) =>
        ingestion.BaseData("RequestData", d => d.GetProperty("name").GetString() == "GET /api/plans");

    private static IEnumerable<System.Text.Json.JsonElement> RenewalPass(IngestionReceiver ingestion) =>
        ingestion.BaseData("RemoteDependencyData", d => d.GetProperty("name").GetString() == "RenewalPass");

    [Fact]
    public async Task Without_a_connection_string_or_the_console_switch_no_provider_is_built()
    {
        var app = BillingServer.Build(BillingServerFixture.Settings());
        await using (app)
        {
            Assert.Null(app.Services.GetService<TracerProvider>());
            Assert.Null(app.Services.GetService<MeterProvider>());
        }
    }

    [Fact]
    public void The_managed_identity_is_taken_from_the_authentication_string_the_host_uses()
    {
        Assert.IsType<ManagedIdentityCredential>(Telemetry.CredentialFor("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(Telemetry.CredentialFor("Authorization=AAD"));
        Assert.Null(Telemetry.CredentialFor(null));
        Assert.Null(Telemetry.CredentialFor("Authorization=Key"));
    }
}
