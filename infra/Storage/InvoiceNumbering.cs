using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>
/// Numbers stored invoices from the issuer's one gap-free sequence (V1). The counter row holds the
/// last number and the invoices the last draw gave numbers to, in order; an invoice exists (stored
/// with its decision) before it draws a number, and the numbers of one draw are stamped on their
/// invoices before the next draw. So a crash at any point leaves either no number drawn, or numbers
/// whose invoices the next draw stamps first: every number belongs to exactly one invoice, and none
/// is skipped.
/// </summary>
/// <remarks>
/// Draws are grouped: while one draw is under way in this process, the invoices that ask meanwhile
/// wait, and the next draw numbers them all with one counter write (then stamps them side by side).
/// The counter as this process last wrote it is remembered, so the next draw writes on its ETag
/// without reading it again; another instance's draw makes that write fail (412), and the counter
/// and the waiting invoices are read again.
/// </remarks>
public sealed class InvoiceNumbering(TableClient counters, InvoiceLedger ledger, Issuer issuer) : IDisposable
{
    private const string Partition = "invoice-number";

    // A draw's invoices are listed on the counter row: this keeps the row far below the 64 KiB a property holds.
    private const int MostPerDraw = 100;

    private readonly SemaphoreSlim _drawing = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentQueue<Waiting> _waiting = new();
    private Counter? _known;
    private long _counterWrites;

    // When this process last read the counter afresh (a Stopwatch timestamp, taken once it answered).
    // Another instance may have numbered an invoice before that read did: an invoice read before it is read
    // again before it draws, or its number would be drawn twice and one of them skipped.
    private long _freshReadAt;

    /// <summary>
    /// The invoice, numbered; numbering an invoice twice returns its first number. <c>Drawn</c>: this
    /// call drew its number (so nothing can have been made of it yet, its PDF neither).
    /// </summary>
    /// <param name="space">The invoice's space.</param>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="cancellationToken">Stops between calls.</param>
    /// <param name="read">The invoice's row as its caller just wrote or read it, so that it is not read again.</param>
    /// <param name="stampWith">
    /// The caller's own write of the invoice with the number drawn for it (a write of its space that stores
    /// more than the number, saving a call): true once stored. When it answers false or fails, the number is
    /// stamped as usual. It runs while the draw holds the counter, before the next draw, so it must not draw.
    /// </param>
    public async Task<(Invoice Invoice, bool Drawn)> NumberAsync(
        SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken, InvoiceRead? read = null, Func<Invoice, Task<bool>>? stampWith = null)
    {
        var found = read ?? await ReadAsync(space, invoiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Invoice {space}/{invoiceId} is not stored.");
        if (found.Invoice.IsNumbered)
        {
            return (found.Invoice, Drawn: false);
        }

        var waiting = new Waiting(space, invoiceId, found, stampWith);
        _waiting.Enqueue(waiting);
        while (!waiting.Numbered.Task.IsCompleted)
        {
            // Whoever holds the counter draws for every invoice waiting, this one included.
            await _drawing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!waiting.Numbered.Task.IsCompleted)
                {
                    await DrawAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _drawing.Release();
            }
        }

        return await waiting.Numbered.Task.ConfigureAwait(false);
    }

    /// <summary>Counter writes this process made (each one a draw, however many invoices it numbered): for the load command's figures.</summary>
    public long CounterWrites => Interlocked.Read(ref _counterWrites);

    public void Dispose() => _drawing.Dispose();

    /// <summary>Numbers the invoices waiting (up to <see cref="MostPerDraw"/>) with one counter write; a failure is each one's.</summary>
    private async Task DrawAsync(CancellationToken cancellationToken)
    {
        var draw = new List<Waiting>();
        while (draw.Count < MostPerDraw && _waiting.TryDequeue(out var next))
        {
            draw.Add(next);
        }

        try
        {
            await DrawAsync(draw, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // This caller gave up: the others wait for the next draw, which each of them will make if need be.
            _known = null;
            foreach (var waiting in draw.Where(w => !w.Numbered.Task.IsCompleted))
            {
                _waiting.Enqueue(waiting);
            }

            throw;
        }
        catch (Exception e)
        {
            _known = null;
            foreach (var waiting in draw)
            {
                waiting.Numbered.TrySetException(e);
            }
        }
    }

    private async Task DrawAsync(List<Waiting> draw, CancellationToken cancellationToken)
    {
        while (draw.Count > 0)
        {
            var counter = _known ?? await ReadCounterAsync(cancellationToken).ConfigureAwait(false);
            if (_known is null)
            {
                _freshReadAt = Stopwatch.GetTimestamp();
            }

            _known = null;
            if (!counter.Stamped && !counter.Drawn.IsEmpty)
            {
                // The last draw's numbers may not have reached their invoices (a crash, another instance, or these very invoices): stamp them first.
                var first = counter.Last!.Sequence - counter.Drawn.Length + 1;
                await Task.WhenAll(counter.Drawn.Select((d, i) => StampAsync(d.Space, d.Invoice, first + i, null, cancellationToken))).ConfigureAwait(false);
                counter = counter with { Stamped = true };
            }

            // Another instance may have numbered an invoice read before the counter was: read those again.
            await Task.WhenAll(draw.Where(w => w.Read.Since < _freshReadAt).Select(async w =>
                w.Read = await ReadAsync(w.Space, w.Invoice, cancellationToken).ConfigureAwait(false) ?? w.Read)).ConfigureAwait(false);

            foreach (var numbered in draw.Where(w => w.Read.Invoice.IsNumbered || counter.Drawn.Contains((w.Space, w.Invoice))).ToList())
            {
                var record = numbered.Read.Invoice.IsNumbered ? numbered.Read.Invoice : await NumberedAsync(numbered.Space, numbered.Invoice, cancellationToken).ConfigureAwait(false);
                numbered.Numbered.TrySetResult((record, Drawn: false));
                draw.Remove(numbered);
            }

            if (draw.Count == 0)
            {
                _known = counter;
                return;
            }

            var next = (counter.Last?.Sequence ?? 0) + 1;
            var last = InvoiceNumber.For(issuer.InvoiceNumberPrefix, draw[^1].Read.Invoice.Content.IssuedAt, next + draw.Count - 1);
            if (await TryAdvanceCounterAsync(counter, last, [.. draw.Select(w => (w.Space, w.Invoice))], cancellationToken).ConfigureAwait(false) is not { } advanced)
            {
                continue; // another instance drew first: the counter is read afresh
            }

            var stamped = await Task.WhenAll(draw.Select((w, i) => StampAsync(w.Space, w.Invoice, next + i, w.Read, cancellationToken, w.StampWith))).ConfigureAwait(false);
            _known = advanced with { Stamped = true };
            for (var i = 0; i < draw.Count; i++)
            {
                draw[i].Numbered.TrySetResult(stamped[i] is { } mine
                    ? (mine, Drawn: true)
                    : (await NumberedAsync(draw[i].Space, draw[i].Invoice, cancellationToken).ConfigureAwait(false), Drawn: false));
            }

            return;
        }
    }

    /// <summary>The invoice's row as read now, dated for the draws (see <c>_freshReadAt</c>).</summary>
    public async Task<InvoiceRead?> ReadAsync(SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken)
    {
        var since = Stopwatch.GetTimestamp();
        return await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false) is { } row ? new InvoiceRead(row.Invoice, row.ETag, since) : null;
    }

    private async Task<Invoice> NumberedAsync(SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken) =>
        (await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false)) is { Invoice.IsNumbered: true } read
            ? read.Invoice
            : throw new InvalidOperationException($"Invoice {space}/{invoiceId} was stamped but reads back unnumbered.");

    /// <summary>
    /// Writes the number of <paramref name="sequence"/> on the invoice unless it has one (dated as
    /// <see cref="InvoiceNumber.For"/> dates it); answers the invoice when this call wrote it.
    /// </summary>
    private async Task<Invoice?> StampAsync(
        SpaceId space, InvoiceId invoiceId, long sequence, InvoiceRead? read, CancellationToken cancellationToken, Func<Invoice, Task<bool>>? stampWith = null)
    {
        if (stampWith is not null && read is { Invoice.IsNumbered: false } unnumbered)
        {
            var numbered = unnumbered.Invoice.NumberAs(issuer, InvoiceNumber.For(issuer.InvoiceNumberPrefix, unnumbered.Invoice.Content.IssuedAt, sequence));
            try
            {
                if (await stampWith(numbered).ConfigureAwait(false))
                {
                    return numbered;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The caller's write failed (a conflict, storage): the number is stamped below, as for any invoice.
            }
        }

        var found = read is { } given ? (given.Invoice, given.ETag) : await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false);
        while (found is { } current && !current.Invoice.IsNumbered)
        {
            var number = InvoiceNumber.For(issuer.InvoiceNumberPrefix, current.Invoice.Content.IssuedAt, sequence);
            var stamped = current.Invoice.NumberAs(issuer, number);
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
            return new Counter(null, [], default, Stamped: false);
        }

        var entity = row.Value!;
        var last = InvoiceNumber.TryParse(entity.GetString("Last"), out var parsed) ? parsed : null;
        ImmutableArray<(SpaceId, InvoiceId)> drawn = entity.GetString("Drawn") is { } list
            ? [.. JsonSerializer.Deserialize<string[][]>(list)!.Select(d => (SpaceId.Parse(d[0]), InvoiceId.Parse(d[1])))]
            : entity.GetString("Space") is { } space && entity.GetString("Invoice") is { } invoice
                ? [(SpaceId.Parse(space), InvoiceId.Parse(invoice))] // a counter written one number at a time, before draws were grouped
                : [];
        return new Counter(last, last is null ? [] : drawn, entity.ETag, Stamped: false);
    }

    /// <summary>The counter after drawing up to <paramref name="last"/> for <paramref name="drawn"/>, or null when another draw came first.</summary>
    private async Task<Counter?> TryAdvanceCounterAsync(
        Counter counter, InvoiceNumber last, ImmutableArray<(SpaceId Space, InvoiceId Invoice)> drawn, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, issuer.InvoiceNumberPrefix)
        {
            ["Last"] = last.ToString(),
            ["Drawn"] = JsonSerializer.Serialize(drawn.Select(d => new[] { d.Space.Value, d.Invoice.Value })),
        };
        try
        {
            var response = await StorageCalls.Guard(() => counter.ETag == default
                ? counters.AddEntityAsync(entity, cancellationToken)
                : counters.UpdateEntityAsync(entity, counter.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
            Interlocked.Increment(ref _counterWrites);
            return new Counter(last, drawn, response.Headers.ETag ?? default, Stamped: false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null; // another instance drew first; read again
        }
    }

    /// <summary>The counter row; <see cref="Stamped"/> when this process knows the last draw's numbers are on their invoices.</summary>
    private sealed record Counter(InvoiceNumber? Last, ImmutableArray<(SpaceId Space, InvoiceId Invoice)> Drawn, ETag ETag, bool Stamped);

    /// <summary>An invoice waiting for the next draw, as last read.</summary>
    private sealed class Waiting(SpaceId space, InvoiceId invoice, InvoiceRead read, Func<Invoice, Task<bool>>? stampWith)
    {
        public Func<Invoice, Task<bool>>? StampWith { get; } = stampWith;

        public SpaceId Space { get; } = space;

        public InvoiceId Invoice { get; } = invoice;

        public InvoiceRead Read { get; set; } = read;

        public TaskCompletionSource<(Invoice Invoice, bool Drawn)> Numbered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
