using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>
/// Numbers stored invoices from the issuer's one gap-free sequence (V1). The counter row holds the
/// last number and the invoice it went to; an invoice exists (stored with its decision) before it
/// draws a number, and a number is stamped on its invoice before the next one is drawn. So a crash
/// at any point leaves either no number drawn, or a number whose invoice the next call stamps:
/// every number belongs to exactly one invoice, and none is skipped.
/// </summary>
public sealed class InvoiceNumbering(TableClient counters, InvoiceLedger ledger, Issuer issuer) : IDisposable
{
    private const string Partition = "invoice-number";

    // Numbers are drawn one at a time in this process, and the counter as this process last wrote it is
    // remembered: the next draw writes on its ETag without reading it again. Another instance's draw
    // makes that write fail (412), and the counter is read again: the protocol is unchanged.
    private readonly SemaphoreSlim _drawing = new(1, 1);
    private Counter? _known;

    /// <summary>
    /// The invoice, numbered; numbering an invoice twice returns its first number. <c>Drawn</c>: this
    /// call drew its number (so nothing can have been made of it yet, its PDF neither).
    /// </summary>
    /// <param name="space">The invoice's space.</param>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="cancellationToken">Stops between calls.</param>
    /// <param name="read">The invoice's row as its caller just wrote or read it, so that it is not read again.</param>
    public async Task<(InvoiceRecord Record, bool Drawn)> NumberAsync(
        SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken, (InvoiceRecord Record, ETag ETag)? read = null)
    {
        var found = read ?? await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Invoice {space}/{invoiceId} is not stored.");
        if (found.Record.IsNumbered)
        {
            return (found.Record, Drawn: false);
        }

        await _drawing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var counter = _known ?? await ReadCounterAsync(cancellationToken).ConfigureAwait(false);
                _known = null;
                if (!counter.Stamped && counter.Space is { } pendingSpace && counter.Invoice is { } pendingInvoice && counter.Last is { } lastNumber)
                {
                    // The last number drawn may not have reached its invoice (a crash, or this very invoice): stamp it first.
                    await StampAsync(SpaceId.Parse(pendingSpace), InvoiceId.Parse(pendingInvoice), lastNumber, cancellationToken).ConfigureAwait(false);
                    if (pendingSpace == space.Value && pendingInvoice == invoiceId.Value)
                    {
                        _known = counter with { Stamped = true };
                        return (await NumberedAsync(space, invoiceId, cancellationToken).ConfigureAwait(false), Drawn: false);
                    }
                }

                var next = InvoiceNumber.Next(counter.Last, issuer.InvoiceNumberPrefix, found.Record.Draft.IssuedAt);
                if (await TryAdvanceCounterAsync(counter, next, space, invoiceId, cancellationToken).ConfigureAwait(false) is { } advanced)
                {
                    var stamped = await StampAsync(space, invoiceId, next, cancellationToken, found).ConfigureAwait(false);
                    _known = advanced with { Stamped = true };
                    return stamped is null ? (await NumberedAsync(space, invoiceId, cancellationToken).ConfigureAwait(false), Drawn: false) : (stamped, Drawn: true);
                }
            }
        }
        finally
        {
            _drawing.Release();
        }
    }

    public void Dispose() => _drawing.Dispose();

    private async Task<InvoiceRecord> NumberedAsync(SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken) =>
        (await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false)) is { Record.IsNumbered: true } read
            ? read.Record
            : throw new InvalidOperationException($"Invoice {space}/{invoiceId} was stamped but reads back unnumbered.");

    /// <summary>Writes the number on the invoice unless it has one; answers the invoice when this call wrote it.</summary>
    private async Task<InvoiceRecord?> StampAsync(
        SpaceId space, InvoiceId invoiceId, InvoiceNumber number, CancellationToken cancellationToken, (InvoiceRecord Record, ETag ETag)? read = null)
    {
        var found = read ?? await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false);
        while (found is { } current && !current.Record.IsNumbered)
        {
            var stamped = current.Record with { Number = number, Issuer = issuer };
            if (await ledger.TryReplaceAsync(space, stamped, current.ETag, cancellationToken).ConfigureAwait(false))
            {
                return stamped;
            }

            found = await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false); // its status moved meanwhile
        }

        return null;
    }

    private async Task<Counter> ReadCounterAsync(CancellationToken cancellationToken)
    {
        var row = await StorageCalls.Guard(() => counters.GetEntityIfExistsAsync<TableEntity>(Partition, issuer.InvoiceNumberPrefix, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (!row.HasValue)
        {
            return new Counter(null, null, null, default, Stamped: false);
        }

        var entity = row.Value!;
        var last = InvoiceNumber.TryParse(entity.GetString("Last"), out var parsed) ? parsed : null;
        return new Counter(last, entity.GetString("Space"), entity.GetString("Invoice"), entity.ETag, Stamped: false);
    }

    /// <summary>The counter after drawing <paramref name="next"/>, or null when another draw came first.</summary>
    private async Task<Counter?> TryAdvanceCounterAsync(Counter counter, InvoiceNumber next, SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, issuer.InvoiceNumberPrefix)
        {
            ["Last"] = next.ToString(),
            ["Space"] = space.Value,
            ["Invoice"] = invoiceId.Value,
        };
        try
        {
            var response = await StorageCalls.Guard(() => counter.ETag == default
                ? counters.AddEntityAsync(entity, cancellationToken)
                : counters.UpdateEntityAsync(entity, counter.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
            return new Counter(next, space.Value, invoiceId.Value, response.Headers.ETag ?? default, Stamped: false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null; // another instance drew this number first; read again
        }
    }

    /// <summary>The counter row; <see cref="Stamped"/> when this process knows its last number is on its invoice.</summary>
    private sealed record Counter(InvoiceNumber? Last, string? Space, string? Invoice, ETag ETag, bool Stamped);
}
