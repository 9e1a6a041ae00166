using Billing.Infra.Storage;
using Cronos;
using Microsoft.Extensions.Options;

namespace Billing.Functions.RenewalRun;

/// <summary>
/// Outside the Functions host, runs the renewal pass on the same NCRONTAB schedule as the timer
/// function, holding the <c>renewal-run</c> lock (<see cref="BlobLocks"/>) so that one instance at a time runs it (the host gives the
/// timer that guarantee itself).
/// </summary>
public sealed partial class RenewalScheduler(
    BillingStorage storage, BlobLocks locks, RenewalPass pass, IOptions<RenewalOptions> options, ILogger<RenewalScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.Schedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(DateTime.UtcNow) ?? DateTime.UtcNow.AddMinutes(5);
            await Task.Delay(next - DateTime.UtcNow, stoppingToken);
            try
            {
                await RunUnderLeaseAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    private async Task RunUnderLeaseAsync(CancellationToken stoppingToken)
    {
        await storage.EnsureReadyAsync(stoppingToken);
        await using var held = await locks.TryTakeAsync("renewal-run", stoppingToken);
        if (held is null)
        {
            LogBusy(logger);
            return;
        }

        await pass.RunAsync(options.Value, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance holds the renewal-run lease; skipping this tick.")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled renewal run failed; the next tick tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
