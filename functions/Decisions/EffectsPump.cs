using System.Threading.Channels;
using Billing.Core.Common;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// Finishes what a request's decision left to do after it answered: numbers and renders its invoices,
/// sends its emails. The request does not wait for the invoice sequence or SMTP. Nothing is lost if
/// the process dies first: the outbox and the unnumbered invoices are in storage, the space is due in
/// the renewal index, and the next renewal run (or the first read of an invoice) finishes them.
/// </summary>
public sealed partial class EffectsPump(EffectDelivery delivery, ILogger<EffectsPump> logger) : BackgroundService
{
    private readonly Channel<(SpaceId Space, StoredSpace? Stored)> _spaces = Channel.CreateUnbounded<(SpaceId, StoredSpace?)>(new UnboundedChannelOptions { SingleReader = false });
    private int _backlog;

    /// <summary>Spaces enqueued whose delivery has not ended yet (the load command waits for none to be left before it counts storage calls).</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>Delivers the space's outbox, read afresh.</summary>
    public void Enqueue(SpaceId space) => Add(space, null);

    /// <summary>
    /// Delivers the outbox of the space as the write just stored it (<see cref="SpaceStore.SaveAsync"/>'s answer), without
    /// reading the partition again: a stale answer costs the step it misleads a reload (<see cref="EffectDelivery"/>).
    /// </summary>
    public void Enqueue(StoredSpace stored) => Add(stored.State.Space.Id, stored);

    private void Add(SpaceId space, StoredSpace? stored)
    {
        Interlocked.Increment(ref _backlog);
        if (!_spaces.Writer.TryWrite((space, stored)))
        {
            Interlocked.Decrement(ref _backlog);
        }
    }

    /// <summary>Numbers and renders the invoices the decision issued, then sends its emails.</summary>
    public Task FinishAsync(SpaceId space, CancellationToken cancellationToken) => delivery.DeliverAsync(space, null, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var (space, stored) in _spaces.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (stored is null)
                {
                    await FinishAsync(space, stoppingToken);
                }
                else
                {
                    await delivery.DeliverAsync(stored, null, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLeftForTheRun(logger, e, space.Value);
            }
            finally
            {
                Interlocked.Decrement(ref _backlog);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Space {Space}'s invoices and emails are left for the renewal run.")]
    private static partial void LogLeftForTheRun(ILogger logger, Exception exception, string space);
}
