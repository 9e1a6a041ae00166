using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Billing.Functions.Hosting;

/// <summary>
/// The app's own traces and metrics, under one name that <see cref="Telemetry"/> subscribes to:
/// spans of the renewal run, and the <c>billing.*</c> instruments.
/// </summary>
public static class BillingTelemetry
{
    public const string Name = "Billing.Functions";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
