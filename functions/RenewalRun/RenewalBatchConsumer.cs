using Billing.Infra.Storage;

namespace Billing.Functions.RenewalRun;

/// <summary>
/// Outside the Functions host, consumes the renewal fan-out queue itself (under the host, the
/// queue-triggered function does). A batch is deleted only once processed; a crash lets it reappear,
/// and processing it again changes nothing that was done (R2).
/// </summary>
public sealed partial class RenewalBatchConsumer(BillingStorage storage, RenewalBatches batches, RenewalPass pass, ILogger<RenewalBatchConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await storage.EnsureReadyAsync(stoppingToken);
                var received = await batches.ReceiveAsync(16, Visibility, stoppingToken);
                foreach (var (message, batch) in received)
                {
                    await pass.RunBatchAsync(batch, stoppingToken);
                    await batches.DeleteAsync(message, stoppingToken);
                }

                if (received.IsEmpty)
                {
                    await Task.Delay(IdleDelay, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
                await Task.Delay(IdleDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the renewal queue failed; trying again shortly.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
