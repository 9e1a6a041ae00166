using Azure;
using Azure.Storage.Blobs.Specialized;
using Billing.Infra.Storage;
using Cronos;
using Microsoft.Extensions.Options;

namespace Billing.Functions.RenewalRun;

/// <summary>
/// Outside the Functions host, runs the renewal pass on the same NCRONTAB schedule as the timer
/// function, holding a lease on a blob so that one instance at a time runs it (the host gives the
/// timer that guarantee itself).
/// </summary>
public sealed partial class RenewalScheduler(
    BillingStorage storage, RenewalPass pass, IOptions<RenewalOptions> options, ILogger<RenewalScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(60);

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
        var blob = storage.Locks.GetBlobClient("renewal-run");
        if (!(await blob.ExistsAsync(stoppingToken)).Value)
        {
            try
            {
                await blob.UploadAsync(BinaryData.FromString("renewal-run lock"), overwrite: false, stoppingToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another instance made it first.
            }
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseLength, cancellationToken: stoppingToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            LogBusy(logger);
            return;
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var keepAlive = KeepLeaseAsync(lease, renewing.Token);
        try
        {
            await pass.RunAsync(options.Value, stoppingToken);
        }
        finally
        {
            await renewing.CancelAsync();
            await keepAlive;
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
    }

    private static async Task KeepLeaseAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseLength / 3, cancellationToken);
                await lease.RenewAsync(cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance holds the renewal-run lease; skipping this tick.")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled renewal run failed; the next tick tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
