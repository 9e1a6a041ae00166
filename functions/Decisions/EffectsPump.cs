using System.Threading.Channels;
using Billing.Core.Common;
using Billing.Infra.Issuing;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// Finishes what a request's decision left to do after it answered: numbers and renders its invoices,
/// sends its emails. The request does not wait for the invoice sequence or SMTP. Nothing is lost if
/// the process dies first: the outbox and the unnumbered invoices are in storage, the space is due in
/// the renewal index, and the next renewal run (or the first read of an invoice) finishes them.
/// </summary>
public sealed partial class EffectsPump(InvoiceLedger ledger, InvoiceIssuing issuing, EffectDelivery delivery, ILogger<EffectsPump> logger) : BackgroundService
{
    private readonly Channel<SpaceId> _spaces = Channel.CreateUnbounded<SpaceId>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(SpaceId space) => _spaces.Writer.TryWrite(space);

    /// <summary>Numbers and renders the invoices still unnumbered (after the answer, or a crash), then sends the emails waiting.</summary>
    public async Task FinishAsync(SpaceId space, CancellationToken cancellationToken)
    {
        foreach (var invoice in await ledger.UnnumberedAsync(space, cancellationToken))
        {
            await issuing.FinishAsync(space, invoice.Draft.Id, cancellationToken);
        }

        await delivery.DeliverAsync(space, null, charges: false, cancellationToken);
    }

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
