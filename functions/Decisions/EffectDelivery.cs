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
using Billing.Functions.RenewalRun;
using Billing.Infra.Storage;
using MimeKit;

namespace Billing.Functions.Decisions;

/// <summary>
/// Carries out what a space's outbox holds: invoices to number and render first, then charges, then
/// emails. A charge is taken with its idempotency key
/// (R2), then its outcome is applied through core in one transaction that also removes the outbox
/// row, so an outcome counts once however often delivery runs. An email is sent, then its row
/// removed: a crash in between repeats the email (same Message-Id), never loses it.
/// </summary>
public sealed class EffectDelivery(
    SpaceStore store,
    InvoiceLedger ledger,
    InvoiceIssuing issuing,
    PaymentGateways gateways,
    InvoiceOutcomes outcomes,
    EmailComposer composer,
    SmtpMailer mailer,
    EmailLinks links)
{
    private static readonly Caller Provider = Caller.System("payments");

    // One delivery per space at a time in this process, so that the request's pump and a renewal run do
    // not both send what they both found pending. Across instances the outbox still guarantees "at least once".
    // Striped, so memory does not grow with the number of spaces.
    private readonly SemaphoreSlim[] _deliveries = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <param name="space">The space whose outbox to carry out.</param>
    /// <param name="tally">Counts charges that failed and invoices emailed, for the renewal run's summary.</param>
    /// <param name="charges">
    /// Whether to take pending charges too. Only the renewal run queues charges (requests charge before
    /// they store), so only it takes them: the request's pump leaves them, and the run counts them.
    /// </param>
    /// <param name="cancellationToken">Stops between effects.</param>
    /// <returns>The space as it stands after delivery (null when it does not exist), so a caller can decide on it without reading it again.</returns>
    public async Task<StoredSpace?> DeliverAsync(SpaceId space, RenewalTally? tally, bool charges, CancellationToken cancellationToken)
    {
        var gate = _deliveries[(int)((uint)StringComparer.Ordinal.GetHashCode(space.Value) % (uint)_deliveries.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await DeliverPendingAsync(space, tally, charges, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<StoredSpace?> DeliverPendingAsync(SpaceId space, RenewalTally? tally, bool charges, CancellationToken cancellationToken)
    {
        // The space and its outbox come in one query.
        var loaded = await store.LoadAsync(space, cancellationToken);
        if (loaded is null || loaded.Pending.IsEmpty)
        {
            return loaded;
        }

        foreach (var (rowKey, effect) in loaded.Pending.Where(p => p.Effect is IssueInvoice))
        {
            // Number it from the issuer's sequence, render and keep its PDF: idempotent, so a repeat is harmless.
            await issuing.FinishAsync(space, ((IssueInvoice)effect).Draft.Id, cancellationToken);
            await store.CompleteEffectAsync(space, rowKey, cancellationToken);
        }

        var pendingCharges = loaded.Pending.Where(p => charges && p.Effect is ChargeInvoice).ToList();
        foreach (var (rowKey, effect) in pendingCharges)
        {
            await ChargeAsync(space, rowKey, (ChargeInvoice)effect, tally, cancellationToken);
        }

        // Charges may have queued emails (payment failed, the paid invoice) and changed the state: then read again.
        if (pendingCharges.Count > 0)
        {
            loaded = await store.LoadAsync(space, cancellationToken) ?? loaded;
        }

        var emails = loaded.Pending.Where(p => p.Effect is SendEmail).ToList();
        if (emails.Count == 0)
        {
            return Delivered(loaded, charges);
        }

        var state = loaded.State;
        var messages = new List<MimeMessage>();
        foreach (var (rowKey, effect) in emails)
        {
            messages.Add(await ComposeAsync(space, state, (SendEmail)effect, rowKey, cancellationToken));
        }

        await mailer.SendAsync(messages, cancellationToken);
        foreach (var (rowKey, effect) in emails)
        {
            await store.CompleteEffectAsync(space, rowKey, cancellationToken);
            if (((SendEmail)effect).Kind == EmailKind.Invoice)
            {
                tally?.InvoiceEmailed();
            }
        }

        return Delivered(loaded, charges);
    }

    // Completing outbox rows leaves the space's own row (and its ETag) as it was; what stays pending is
    // the charges this delivery was not to take.
    private static StoredSpace Delivered(StoredSpace loaded, bool charges) =>
        loaded with { Pending = [.. loaded.Pending.Where(p => p.Effect is ChargeInvoice && !charges)] };

    private async Task ChargeAsync(SpaceId space, string rowKey, ChargeInvoice charge, RenewalTally? tally, CancellationToken cancellationToken)
    {
        var gateway = gateways.For(charge.PaymentMethod.Provider)
            ?? throw new InvalidOperationException($"The provider {charge.PaymentMethod.Provider} is not enabled; the charge of {charge.Invoice} waits.");
        var result = await gateway.ChargeAsync(charge, cancellationToken);
        InvoiceOutcomes.Outcome outcome = result switch
        {
            ChargeSucceeded => (state, invoice, context) => ChargeOutcomes.Succeeded(state, invoice, Provider, context),
            ChargeRequiresAction => (state, invoice, context) => ChargeOutcomes.RequiresAction(state, invoice, charge.Attempt, Provider, context),
            _ => (state, invoice, context) => ChargeOutcomes.Failed(state, invoice, charge.Attempt, Provider, context),
        };
        // Only the renewal run takes queued charges, and it reindexes the space when done with it.
        await outcomes.ApplyAsync(
            space, charge.Invoice, $"charge:{charge.IdempotencyKey}", outcome, rowKey, cancellationToken,
            indexedByRenewalRun: true, heldPayment: (result as ChargeRequiresAction)?.Reference);
        if (result is not ChargeSucceeded)
        {
            tally?.ChargeFailed();
        }
    }

    private async Task<MimeMessage> ComposeAsync(SpaceId space, SpaceBilling? state, SendEmail email, string deliveryKey, CancellationToken cancellationToken)
    {
        Invoice? invoice = null;
        ReadOnlyMemory<byte>? pdf = null;
        if (email.Invoice is { } invoiceId && await ledger.GetAsync(space, invoiceId, cancellationToken) is { } stored)
        {
            invoice = stored.Record.Invoice ?? await issuing.FinishAsync(space, invoiceId, cancellationToken);
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
            links.InvoicesOf(space, email.Invoice))
        {
            ActionUrl = email.Kind == EmailKind.PaymentActionRequired && email.Invoice is { } pending ? links.ConfirmationOf(space, pending) : null,
        };
        return composer.Compose(email, facts, $"{space}/{deliveryKey}");
    }
}
