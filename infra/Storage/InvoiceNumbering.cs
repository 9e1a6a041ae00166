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
public sealed class InvoiceNumbering(TableClient counters, InvoiceLedger ledger, Issuer issuer)
{
    private const string Partition = "invoice-number";

    /// <summary>The invoice, numbered; numbering an invoice twice returns its first number.</summary>
    public async Task<Invoice> NumberAsync(SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Invoice {space}/{invoiceId} is not stored.");
            if (found.Record.Invoice is { } numbered)
            {
                return numbered;
            }

            var counter = await ReadCounterAsync(cancellationToken).ConfigureAwait(false);
            if (counter.Space is { } pendingSpace && counter.Invoice is { } pendingInvoice && counter.Last is { } lastNumber)
            {
                if (pendingSpace == space.Value && pendingInvoice == invoiceId.Value)
                {
                    await StampAsync(space, invoiceId, lastNumber, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // The previous number may not have reached its invoice (a crash): stamp it first.
                await StampAsync(SpaceId.Parse(pendingSpace), InvoiceId.Parse(pendingInvoice), lastNumber, cancellationToken).ConfigureAwait(false);
            }

            var next = InvoiceNumber.Next(counter.Last, issuer.InvoiceNumberPrefix, found.Record.Draft.IssuedAt);
            if (await TryAdvanceCounterAsync(counter, next, space, invoiceId, cancellationToken).ConfigureAwait(false))
            {
                await StampAsync(space, invoiceId, next, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StampAsync(SpaceId space, InvoiceId invoiceId, InvoiceNumber number, CancellationToken cancellationToken)
    {
        while (await ledger.GetAsync(space, invoiceId, cancellationToken).ConfigureAwait(false) is { } found && !found.Record.IsNumbered)
        {
            if (await ledger.TryReplaceAsync(space, found.Record with { Number = number, Issuer = issuer }, found.ETag, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<Counter> ReadCounterAsync(CancellationToken cancellationToken)
    {
        var row = await StorageCalls.Guard(() => counters.GetEntityIfExistsAsync<TableEntity>(Partition, issuer.InvoiceNumberPrefix, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (!row.HasValue)
        {
            return new Counter(null, null, null, default);
        }

        var entity = row.Value!;
        var last = InvoiceNumber.TryParse(entity.GetString("Last"), out var parsed) ? parsed : null;
        return new Counter(last, entity.GetString("Space"), entity.GetString("Invoice"), entity.ETag);
    }

    private async Task<bool> TryAdvanceCounterAsync(Counter counter, InvoiceNumber next, SpaceId space, InvoiceId invoiceId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, issuer.InvoiceNumberPrefix)
        {
            ["Last"] = next.ToString(),
            ["Space"] = space.Value,
            ["Invoice"] = invoiceId.Value,
        };
        try
        {
            await StorageCalls.Guard(() => counter.ETag == default
                ? counters.AddEntityAsync(entity, cancellationToken)
                : counters.UpdateEntityAsync(entity, counter.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false; // another invoice drew this number first; read again
        }
    }

    private sealed record Counter(InvoiceNumber? Last, string? Space, string? Invoice, ETag ETag);
}
