using System.Threading.Channels;
using Billing.Core.Common;

namespace Billing.Functions.Decisions;

/// <summary>
/// Finishes what a request's decision left to do after it answered: numbers and renders its invoices,
/// sends its emails. The request does not wait for the invoice sequence or SMTP. Nothing is lost if
/// the process dies first: the outbox and the unnumbered invoices are in storage, the space is due in
/// the renewal index, and the next renewal run (or the first read of an invoice) finishes them.
/// </summary>
public sealed partial class EffectsPump(EffectDelivery delivery, ILogger<EffectsPump> logger) : BackgroundService
{
    private readonly Channel<SpaceId> _spaces = Channel.CreateUnbounded<SpaceId>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(SpaceId space) => _spaces.Writer.TryWrite(space);

    /// <summary>Numbers and renders the invoices the decision issued, then sends its emails.</summary>
    public Task FinishAsync(SpaceId space, CancellationToken cancellationToken) => delivery.DeliverAsync(space, null, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var space in _spaces.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await FinishAsync(space, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLeftForTheRun(logger, e, space.Value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Space {Space}'s invoices and emails are left for the renewal run.")]
    private static partial void LogLeftForTheRun(ILogger logger, Exception exception, string space);
}
