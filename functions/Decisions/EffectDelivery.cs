using System.Collections.Immutable;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Infra.Email;
using Billing.Infra.Issuing;
using Billing.Infra.Payments;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// Carries out what a space's outbox holds: plans taken over (U11) first, each a write of the team's
/// own followed by the delivery of the team's outbox, then invoices to number and render, charges,
/// refunds (V5), then emails. A charge is taken with its idempotency key
/// (R2), then its outcome is applied through core in one transaction that also removes the outbox
/// row, so an outcome counts once however often delivery runs. An email is sent, then its row
/// removed: a crash in between repeats the email (same Message-Id), never loses it.
/// </summary>
public sealed partial class EffectDelivery(
    UnitOfWork work,
    SpaceStore store,
    InvoiceLedger ledger,
    InvoiceIssuing issuing,
    PaymentGateways gateways,
    InvoiceOutcomes outcomes,
    EmailComposer composer,
    SmtpMailer mailer,
    EmailLinks links,
    ILogger<EffectDelivery> logger)
{
    private static readonly Caller Provider = Caller.System("payments");

    // One delivery per space at a time in this process, so that the request's pump and a renewal run do
    // not both send what they both found pending. Across instances the outbox still guarantees "at least once".
    // Striped, so memory does not grow with the number of spaces.
    private readonly SemaphoreSlim[] _deliveries = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    // The outbox rows this process carried out lately. A delivery that comes with a snapshot taken before
    // another carried them out (two renewal runs side by side that decided on the same space) skips them,
    // so an email goes once per process; bounded, since rows are unique and soon read afresh.
    private const int RememberedRows = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _carriedOut = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _carriedOutOrder = new();

    /// <param name="space">The space whose outbox to carry out.</param>
    /// <param name="tally">Counts charges that failed and invoices emailed, for the renewal run's summary.</param>
    /// <param name="cancellationToken">Stops between effects.</param>
    /// <returns>The space as it stands after delivery (null when it does not exist), so a caller can decide on it without reading it again.</returns>
    public async Task<StoredSpace?> DeliverAsync(SpaceId space, IDeliveryTally? tally, CancellationToken cancellationToken)
    {
        var takenOver = new List<SpaceId>();
        var delivered = await GatedAsync(space, async () =>
        {
            // The space and its outbox come in one query.
            var loaded = await store.LoadAsync(space, cancellationToken);
            return loaded is null ? null : await DeliverPendingAsync(loaded, tally, takenOver, cancellationToken);
        }, cancellationToken);
        await DeliverTakenOverAsync(takenOver, tally, cancellationToken);
        return delivered;
    }

    /// <summary>Delivers the outbox of a space the caller just stored (<see cref="SpaceStore.SaveAsync"/> answers it), without reading it again.</summary>
    public async Task<StoredSpace> DeliverAsync(StoredSpace stored, IDeliveryTally? tally, CancellationToken cancellationToken)
    {
        var takenOver = new List<SpaceId>();
        var delivered = await GatedAsync(stored.State.Space.Id, async () => (StoredSpace?)await DeliverPendingAsync(stored, tally, takenOver, cancellationToken), cancellationToken);
        await DeliverTakenOverAsync(takenOver, tally, cancellationToken);
        return delivered!;
    }

    // The outboxes of the teams whose plans a delivery took over (U11), each through its own gate once the space's is released.
    private async Task DeliverTakenOverAsync(List<SpaceId> teams, IDeliveryTally? tally, CancellationToken cancellationToken)
    {
        foreach (var team in teams)
        {
            await DeliverAsync(team, tally, cancellationToken);
        }
    }

    private async Task<StoredSpace?> GatedAsync(SpaceId space, Func<Task<StoredSpace?>> deliver, CancellationToken cancellationToken)
    {
        var gate = _deliveries[(int)((uint)StringComparer.Ordinal.GetHashCode(space.Value) % (uint)_deliveries.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await deliver();
        }
        finally
        {
            gate.Release();
        }
    }

    // takenOver collects the teams whose plans this delivery took over (U11), for their outboxes to be delivered next.
    private async Task<StoredSpace> DeliverPendingAsync(StoredSpace loaded, IDeliveryTally? tally, List<SpaceId> takenOver, CancellationToken cancellationToken)
    {
        var space = loaded.State.Space.Id;
        loaded = loaded with { Pending = [.. loaded.Pending.Where(p => !_carriedOut.ContainsKey(p.RowKey))] };
        if (loaded.Pending.IsEmpty)
        {
            return loaded;
        }

        // U11: each team's plan is ended in a write of its own, then its row here goes: a crash in between
        // repeats the take-over, which changes nothing the second time (the team is on Basic by then).
        foreach (var (rowKey, effect) in loaded.Pending.Where(p => p.Effect is TakeOverPlan).ToList())
        {
            await TakeOverAsync((TakeOverPlan)effect, cancellationToken);
            takenOver.Add(((TakeOverPlan)effect).Team);
            await store.CompleteEffectsAsync(space, [rowKey], cancellationToken);
            CarriedOut([rowKey]);
            loaded = loaded with { Pending = [.. loaded.Pending.Where(p => p.RowKey != rowKey)] };
        }

        // Number, render and keep each new invoice's PDF: idempotent, so a repeat is harmless. Its outbox row
        // goes with the first charge's outcome (one transaction), or on its own when there is no charge.
        var finished = new Dictionary<InvoiceId, Invoice>();
        var issued = new List<string>();
        var chargedFirst = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rowKey, effect) in loaded.Pending.Where(p => p.Effect is IssueInvoice))
        {
            var id = ((IssueInvoice)effect).Draft.Id;
            InvoiceRead? written = loaded.Issued.TryGetValue(id, out var read) ? read : null;
            if (written is { Invoice.IsNumbered: false } && loaded.Pending.FirstOrDefault(p => p.Effect is ChargeLater later && later.Charge.Invoice == id) is { Effect: ChargeLater } charge)
            {
                // The invoice just written with its charge (a renewal): charged first, so that the outcome's write stores its number too.
                var after = await ChargeThenNumberAsync(space, loaded, ((ChargeLater)charge.Effect).Charge, written.Value, [charge.RowKey, rowKey], tally, cancellationToken);
                loaded = after.Space ?? loaded;
                finished[id] = after.Invoice;
                chargedFirst.Add(charge.RowKey);
                continue;
            }

            var record = await issuing.FinishAsync(space, id, cancellationToken, written);
            finished[id] = record;
            issued.Add(rowKey);
        }

        foreach (var (rowKey, effect) in loaded.Pending.Where(p => p.Effect is ChargeLater && !chargedFirst.Contains(p.RowKey)).ToList())
        {
            var charge = ((ChargeLater)effect).Charge;
            var known = new InvoiceOutcomes.Known(loaded, finished.GetValueOrDefault(charge.Invoice), [rowKey, .. issued]);
            if (await ChargeAsync(space, charge, known, tally, cancellationToken) is { } charged)
            {
                loaded = charged.Space;
                finished[charge.Invoice] = charged.Invoice;
                issued.Clear();
            }
        }

        // The rows of invoices finished without a charge go with the emails' rows (one call), or alone when there is no email:
        // a crash before that finishes them again, which changes nothing.
        loaded = loaded with { Pending = [.. loaded.Pending.Where(p => !issued.Contains(p.RowKey))] };

        // V5: a refund is made once per credit note (its key), then its row goes.
        foreach (var (rowKey, effect) in loaded.Pending.Where(p => p.Effect is RefundPayment).ToList())
        {
            await RefundAsync(space, (RefundPayment)effect, cancellationToken);
            await store.CompleteEffectsAsync(space, [rowKey], cancellationToken);
            loaded = loaded with { Pending = [.. loaded.Pending.Where(p => p.RowKey != rowKey)] };
        }

        var emails = loaded.Pending.Where(p => p.Effect is SendEmail).ToList();
        if (emails.Count == 0)
        {
            if (issued.Count > 0)
            {
                await store.CompleteEffectsAsync(space, issued, cancellationToken);
                CarriedOut(issued);
            }

            return loaded with { Pending = [] };
        }

        var state = loaded.State;
        var messages = new List<OutgoingEmail>();
        foreach (var (rowKey, effect) in emails)
        {
            messages.Add(await ComposeAsync(space, state, (SendEmail)effect, rowKey, finished, cancellationToken));
        }

        await mailer.SendAsync(messages, cancellationToken);
        await store.CompleteEffectsAsync(space, [.. issued, .. emails.Select(e => e.RowKey)], cancellationToken);
        CarriedOut([.. issued, .. emails.Select(e => e.RowKey)]);
        foreach (var (_, effect) in emails)
        {
            if (((SendEmail)effect).Kind == EmailKind.Invoice)
            {
                tally?.InvoiceEmailed();
            }
        }

        return loaded with { Pending = [] };
    }

    /// <summary>Ends the team's plan (U11); its outbox (credit note, refund, email) is delivered next.</summary>
    private async Task TakeOverAsync(TakeOverPlan takeOver, CancellationToken cancellationToken)
    {
        var caller = Caller.System($"take-over:{takeOver.By}");
        await work.RunAsync<StoredSpace?>(
            takeOver.Team,
            $"take-over:{takeOver.By}:{takeOver.Team}",
            (loaded, context) =>
            {
                if (loaded is null)
                {
                    return Task.FromResult<UnitOfWork.Verdict<StoredSpace?>>(new UnitOfWork.Done<StoredSpace?>(null));
                }

                var decided = TakeOvers.End(loaded.State, takeOver, caller, context);
                return Task.FromResult<UnitOfWork.Verdict<StoredSpace?>>(decided.IsSuccess && !decided.Value.ChangesNothing
                    ? new UnitOfWork.Write<StoredSpace?>(decided.Value, stored => stored)
                    : new UnitOfWork.Done<StoredSpace?>(loaded));
            },
            cancellationToken);
    }

    /// <summary>
    /// Gives back what a credit note says, through the provider that took the payment of the invoice it
    /// credits, never more than that invoice's total. An invoice paid by bank transfer, or one whose
    /// payment is not known, is refunded by sales outside the system (V5): logged for them.
    /// </summary>
    private async Task RefundAsync(SpaceId space, RefundPayment refund, CancellationToken cancellationToken)
    {
        var credited = (await ledger.GetAsync(space, refund.Credited, cancellationToken))?.Invoice;
        if (refund.PaymentMethod.IsInvoice || credited?.Payment is not { } payment || gateways.For(credited.Content.PaymentMethod.Provider) is not { } gateway)
        {
            LogRefundByHand(logger, space.Value, refund.CreditNote.Value, refund.Credited.Value);
            return;
        }

        var amount = refund.Amount.Amount <= credited.Total.Amount ? refund.Amount : credited.Total;
        await gateway.RefundPaymentAsync(payment, amount, refund.IdempotencyKey, new CreditNoteReference(space, refund.Credited, refund.CreditNote), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Space {Space}: the credit note {CreditNote} of invoice {Invoice} is to be refunded by sales (bank transfer, or no provider payment known).")]
    private static partial void LogRefundByHand(ILogger logger, string space, string creditNote, string invoice);

    /// <returns>The space and the invoice as the charge's outcome left them (null when either is gone).</returns>
    private async Task<InvoiceOutcomes.Applied?> ChargeAsync(SpaceId space, Charge charge, InvoiceOutcomes.Known known, IDeliveryTally? tally, CancellationToken cancellationToken)
    {
        var result = await gateways.Of(charge).ChargeAsync(charge, cancellationToken);
        // The space stays due in the renewal index while its outbox holds the charge; the run reindexes it when done with it.
        var after = await outcomes.ApplyAsync(
            space, charge.Invoice, $"charge:{charge.IdempotencyKey}", OutcomeOf(charge, result), known, cancellationToken, indexedByRenewalRun: true);
        Count(result, tally);
        return after;
    }

    /// <summary>
    /// Takes the charge of an invoice not yet numbered, then numbers it with the outcome's write storing the number
    /// (one write for both; the number is stamped on its own if that write fails), then renders and keeps its PDF: paid when
    /// the charge paid it, so that the email's receipt is that same PDF (one blob, nothing read back).
    /// </summary>
    /// <returns>The space (null when gone) and the invoice as the outcome left them.</returns>
    private async Task<(StoredSpace? Space, Invoice Invoice)> ChargeThenNumberAsync(
        SpaceId space, StoredSpace loaded, Charge charge, InvoiceRead written, ImmutableArray<string> rows, IDeliveryTally? tally, CancellationToken cancellationToken)
    {
        ChargeResult result;
        try
        {
            result = await gateways.Of(charge).ChargeAsync(charge, cancellationToken);
        }
        catch (PaymentProviderUnavailableException)
        {
            // The invoice is numbered and kept all the same; its charge is taken by the next delivery.
            await issuing.FinishAsync(space, charge.Invoice, cancellationToken, written);
            throw;
        }

        var outcome = OutcomeOf(charge, result);
        var requestId = $"charge:{charge.IdempotencyKey}";
        InvoiceOutcomes.Applied? applied = null;
        var record = await issuing.FinishAsync(space, charge.Invoice, cancellationToken, written, async numbered =>
        {
            applied = await outcomes.ApplyAsync(
                space, charge.Invoice, requestId, outcome, new InvoiceOutcomes.Known(loaded, numbered, rows, NumberDrawn: true), cancellationToken, indexedByRenewalRun: true);
            return applied?.Invoice;
        });
        applied ??= await outcomes.ApplyAsync(
            space, charge.Invoice, requestId, outcome, new InvoiceOutcomes.Known(loaded, record, rows), cancellationToken, indexedByRenewalRun: true);
        Count(result, tally);
        return (applied?.Space, applied?.Invoice ?? record);
    }

    private static InvoiceOutcomes.Outcome OutcomeOf(Charge charge, ChargeResult result) => result switch
    {
        ChargeSucceeded paid => (state, invoice, context) => ChargeOutcomes.Succeeded(state, invoice, Provider, context, paid.Reference),
        ChargeRequiresAction held => (state, invoice, context) => ChargeOutcomes.RequiresAction(state, invoice, charge.Attempt, held.Reference, Provider, context),
        _ => (state, invoice, context) => ChargeOutcomes.Failed(state, invoice, charge.Attempt, Provider, context),
    };

    private static void Count(ChargeResult result, IDeliveryTally? tally)
    {
        if (result is not ChargeSucceeded)
        {
            tally?.ChargeFailed();
        }
    }

    /// <summary>The email of one outbox row; invoices in <paramref name="finished"/> (numbered or paid by this delivery) are not read again.</summary>
    private async Task<OutgoingEmail> ComposeAsync(
        SpaceId space, SpaceBilling? state, SendEmail email, string deliveryKey, Dictionary<InvoiceId, Invoice> finished, CancellationToken cancellationToken)
    {
        Invoice? invoice = null;
        ReadOnlyMemory<byte>? pdf = null;
        var stored = email.Invoice is not { } id ? null
            : finished.TryGetValue(id, out var known) ? known
            : (await ledger.GetAsync(space, id, cancellationToken))?.Invoice;
        if (stored is not null)
        {
            var invoiceId = stored.Id;
            invoice = stored.IsNumbered ? stored : await issuing.FinishAsync(space, invoiceId, cancellationToken);
            pdf = await issuing.DocumentAsync(space, invoice, cancellationToken);
            if (pdf is null)
            {
                // Numbered but never rendered (a crash in between): finish it now.
                await issuing.FinishAsync(space, invoiceId, cancellationToken);
                pdf = await issuing.DocumentAsync(space, invoice, cancellationToken);
            }
        }

        var facts = new EmailFacts(
            state?.Space.Name ?? space.Value,
            state?.Members.GetValueOrDefault(email.Recipient)?.Name,
            invoice,
            pdf,
            state?.Subscription?.Seats.Value,
            state?.Trial?.EndsAt,
            links.For(space, email.Invoice));
        return composer.Compose(email, facts, $"{space}/{deliveryKey}");
    }

    private void CarriedOut(IEnumerable<string> rowKeys)
    {
        foreach (var rowKey in rowKeys)
        {
            if (_carriedOut.TryAdd(rowKey, 0))
            {
                _carriedOutOrder.Enqueue(rowKey);
            }
        }

        while (_carriedOutOrder.Count > RememberedRows && _carriedOutOrder.TryDequeue(out var oldest))
        {
            _carriedOut.TryRemove(oldest, out _);
        }
    }
}
