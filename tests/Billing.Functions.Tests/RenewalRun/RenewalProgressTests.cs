using Billing.Functions.Hosting;
using Billing.Functions.RenewalRun;
using Billing.Functions.Tests.Support;
using Microsoft.Extensions.Logging;
using System.Diagnostics.Metrics;

namespace Billing.Functions.Tests.RenewalRun;

/// <summary>The renewal run's progress reports, alone (counts, cadence, the last report) and their metrics.</summary>
public sealed class RenewalProgressTests : IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly ILogger _logger;

    public RenewalProgressTests() => _logger = _logs.CreateLogger("Billing.Functions.RenewalRun.RenewalPass");

    [Fact]
    public void A_long_run_reports_due_done_and_failed_every_hundred_spaces_and_once_more_at_the_end()
    {
        var progress = new RenewalProgress(_logger, "pass");
        for (var i = 0; i < 250; i++)
        {
            progress.Due();
            if (i % 50 == 49)
            {
                progress.Failed();
            }
            else if (i % 50 == 48)
            {
                progress.Deferred();
            }
            else
            {
                progress.Done();
            }
        }

        progress.Finish(activity: null);

        var reports = _logs.Named("RenewalProgress").ToList();
        Assert.Equal(2, reports.Count); // after 100 and 200 settled spaces (the run is far shorter than the 5 s interval)
        Assert.Equal(100, (int)reports[0].Properties["Due"]!);
        Assert.Equal(96, (int)reports[0].Properties["Done"]!);
        Assert.Equal(2, (int)reports[0].Properties["Failed"]!);
        Assert.Equal(2, (int)reports[0].Properties["Deferred"]!);
        Assert.Equal("pass", reports[0].Properties["Run"]);

        var last = Assert.Single(_logs.Named("RenewalFinished"));
        Assert.Equal(LogLevel.Information, last.Level);
        Assert.Equal(250, (int)last.Properties["Due"]!);
        Assert.Equal(240, (int)last.Properties["Done"]!);
        Assert.Equal(5, (int)last.Properties["Failed"]!);
        Assert.Equal(5, (int)last.Properties["Deferred"]!);
        Assert.True(last.Properties.ContainsKey("ElapsedMs"));
        Assert.Contains("250 due, 240 done, 5 failed", last.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Done_and_failed_spaces_are_counted_on_the_billing_meter()
    {
        long done = 0, failed = 0, due = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BillingTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Other tests renew in parallel in this process: count only this test's run.
            if (!tags.ToArray().Contains(new KeyValuePair<string, object?>("billing.renewal.run", "metered")))
            {
                return;
            }

            switch (instrument.Name)
            {
                case "billing.renewal.spaces.due": Interlocked.Add(ref due, value); break;
                case "billing.renewal.spaces.done": Interlocked.Add(ref done, value); break;
                case "billing.renewal.spaces.failed": Interlocked.Add(ref failed, value); break;
            }
        });
        listener.Start();

        var progress = new RenewalProgress(_logger, "metered");
        foreach (var outcome in new[] { true, true, false })
        {
            progress.Due();
            if (outcome)
            {
                progress.Done();
            }
            else
            {
                progress.Failed();
            }
        }

        progress.Finish(activity: null);
        Assert.Equal((3, 2, 1), (Interlocked.Read(ref due), Interlocked.Read(ref done), Interlocked.Read(ref failed)));
    }

    public void Dispose() => _logs.Dispose();
}
