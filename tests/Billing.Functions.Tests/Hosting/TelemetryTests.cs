using Azure.Identity;
using Billing.Functions.Hosting;
using Billing.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Billing.Functions.Tests.Hosting;

public class TelemetryTests
{
    [Fact]
    public async Task With_an_application_insights_connection_string_traces_and_metrics_are_exported()
    {
        // A closed loopback port: nothing leaves the machine.
        var app = BillingServer.Build([.. BillingServerFixture.Settings(),
            "--APPLICATIONINSIGHTS_CONNECTION_STRING=InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"]);
        await using (app)
        {
            Assert.NotNull(app.Services.GetService<TracerProvider>());
            Assert.NotNull(app.Services.GetService<MeterProvider>());
        }
    }

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
