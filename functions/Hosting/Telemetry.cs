using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Billing.Functions.Hosting;

/// <summary>
/// Logs, traces and metrics through OpenTelemetry. With <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// (set by infra/azure) all three go to Application Insights, authenticated with the managed identity
/// named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>Authorization=AAD;ClientId=...</c>,
/// the Functions host's own convention), since the component refuses keys. Without it, logs go to the
/// console logger as always, and <c>Telemetry__Console=true</c> adds traces and metrics on the console;
/// otherwise no provider is built, so tests, local runs and cold starts pay nothing for it.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "billing-functions";
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string ConsoleKey = "Telemetry:Console";

    public static WebApplicationBuilder AddBillingTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration[ConnectionStringKey];
        var toAzure = !string.IsNullOrWhiteSpace(connectionString);
        var toConsole = !toAzure && configuration.GetValue<bool>(ConsoleKey);
        if (!toAzure && !toConsole)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t.AddSource(BillingTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(BillingTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation());
        if (toAzure)
        {
            telemetry
                .WithLogging(_ => { }, o =>
                {
                    o.IncludeFormattedMessage = true;
                    o.IncludeScopes = true;
                })
                .UseAzureMonitorExporter(o =>
                {
                    o.ConnectionString = connectionString;
                    o.Credential = CredentialFor(configuration[AuthenticationStringKey]);
                    // Every trace, not the exporter's default of five a second: billing traffic is small,
                    // and a rate limiter that starts empty drops the first requests after a cold start
                    // and, at random, the renewal pass's span, which are the ones worth reading.
                    o.TracesPerSecond = null;
                    o.SamplingRatio = 1.0F;
                });
        }
        else
        {
            telemetry.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter());
        }

        return builder;
    }

    /// <summary>
    /// The credential of <c>Authorization=AAD;ClientId=...</c> (a user-assigned identity; without a
    /// client id, the system-assigned one), or none: the connection string alone, for a component that
    /// still takes keys.
    /// </summary>
    public static TokenCredential? CredentialFor(string? authenticationString)
    {
        var parts = (authenticationString ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
