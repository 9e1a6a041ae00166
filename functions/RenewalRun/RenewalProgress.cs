using System.Diagnostics;
using System.Diagnostics.Metrics;
using Billing.Functions.Hosting;

namespace Billing.Functions.RenewalRun;

/// <summary>
/// Reports a renewal run as it goes, for whoever watches it in the logs or on a dashboard: how many
/// spaces were found due, how many were brought up to date (done), how many failed (they stay due for
/// the next tick), and how many were left to the queue or to the next tick (deferred). A structured log
/// every <see cref="ReportEvery"/> spaces or <see cref="ReportInterval"/>, whichever comes first, and
/// one at the end; the same counts as the <c>billing.renewal.*</c> metrics, recorded as they happen.
/// Shared by the spaces a run renews in parallel.
/// </summary>
public sealed partial class RenewalProgress
{
    public const int ReportEvery = 100;
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(5);

    private static readonly Counter<long> DueCounter = BillingTelemetry.Meter.CreateCounter<long>(
        "billing.renewal.spaces.due", "{space}", "Spaces the renewal run found due.");

    private static readonly Counter<long> DoneCounter = BillingTelemetry.Meter.CreateCounter<long>(
        "billing.renewal.spaces.done", "{space}", "Spaces the renewal run brought up to date.");

    private static readonly Counter<long> FailedCounter = BillingTelemetry.Meter.CreateCounter<long>(
        "billing.renewal.spaces.failed", "{space}", "Spaces whose renewal failed; they stay due for the next run.");

    private static readonly Gauge<long> OutstandingGauge = BillingTelemetry.Meter.CreateGauge<long>(
        "billing.renewal.outstanding", "{space}", "Spaces found due by the current run and not yet done, failed or deferred.");

    private static readonly Histogram<double> DurationHistogram = BillingTelemetry.Meter.CreateHistogram<double>(
        "billing.renewal.run.duration", "s", "How long one renewal run (a pass or a queued batch) took.");

    private readonly ILogger _logger;
    private readonly string _run;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _reporting = new();
    private int _due;
    private int _done;
    private int _failed;
    private int _deferred;
    private int _sinceReport;
    private long _lastReport;

    /// <param name="logger">Where the progress is logged.</param>
    /// <param name="run">Which kind of run: <c>pass</c> (the timer, the operator, the schedule) or <c>batch</c> (the queue).</param>
    public RenewalProgress(ILogger logger, string run)
    {
        _logger = logger;
        _run = run;
        _lastReport = _started;
    }

    public int DueCount => Volatile.Read(ref _due);

    public int DoneCount => Volatile.Read(ref _done);

    public int FailedCount => Volatile.Read(ref _failed);

    public int DeferredCount => Volatile.Read(ref _deferred);

    public void Due()
    {
        Interlocked.Increment(ref _due);
        DueCounter.Add(1, Tag);
    }

    public void Done()
    {
        Interlocked.Increment(ref _done);
        DoneCounter.Add(1, Tag);
        Settled();
    }

    public void Failed()
    {
        Interlocked.Increment(ref _failed);
        FailedCounter.Add(1, Tag);
        Settled();
    }

    public void Deferred()
    {
        Interlocked.Increment(ref _deferred);
        Settled();
    }

    /// <summary>The last report, with the run's duration; call once, when the run is over.</summary>
    public void Finish(Activity? activity)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        DurationHistogram.Record(elapsed.TotalSeconds, Tag);
        OutstandingGauge.Record(Outstanding, Tag);
        activity?.SetTag("billing.renewal.due", DueCount).SetTag("billing.renewal.done", DoneCount)
            .SetTag("billing.renewal.failed", FailedCount).SetTag("billing.renewal.deferred", DeferredCount);
        var elapsedMs = (long)elapsed.TotalMilliseconds;
        LogFinished(_logger, _run, DueCount, DoneCount, FailedCount, DeferredCount, elapsedMs);
    }

    private KeyValuePair<string, object?> Tag => new("billing.renewal.run", _run);

    private long Outstanding => Math.Max(0, DueCount - DoneCount - FailedCount - DeferredCount);

    private void Settled()
    {
        var count = Interlocked.Increment(ref _sinceReport);
        var now = Stopwatch.GetTimestamp();
        if (count < ReportEvery && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastReport), now) < ReportInterval)
        {
            return;
        }

        // One report at a time; the others carry on renewing.
        if (!_reporting.TryEnter())
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _sinceReport, 0);
            Interlocked.Exchange(ref _lastReport, now);
            OutstandingGauge.Record(Outstanding, Tag);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(_started, now).TotalMilliseconds;
            LogProgress(_logger, _run, DueCount, DoneCount, FailedCount, DeferredCount, elapsedMs);
        }
        finally
        {
            _reporting.Exit();
        }
    }

    [LoggerMessage(EventId = 7101, EventName = "RenewalProgress", Level = LogLevel.Information,
        Message = "Renewal {Run} in progress: {Due} due, {Done} done, {Failed} failed, {Deferred} deferred, after {ElapsedMs} ms.")]
    private static partial void LogProgress(ILogger logger, string run, int due, int done, int failed, int deferred, long elapsedMs);

    [LoggerMessage(EventId = 7102, EventName = "RenewalFinished", Level = LogLevel.Information,
        Message = "Renewal {Run} finished: {Due} due, {Done} done, {Failed} failed, {Deferred} deferred, in {ElapsedMs} ms.")]
    private static partial void LogFinished(ILogger logger, string run, int due, int done, int failed, int deferred, long elapsedMs);
}
