using System.Collections.Immutable;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Spaces;

namespace Billing.Infra.Storage;

/// <summary>
/// The one entity-group transaction a <see cref="SpaceWrite"/> becomes, and the space it leaves: the
/// space row rewritten under its ETag (so that any concurrent decision conflicts) with the partition's
/// write sequence, member rows, invoices and their listing rows (added, never upserted: a second
/// invoice for a period fails the whole write, R2), invoices moved, audit, outbox and idempotency rows,
/// and the outbox rows the write carried out removed.
/// </summary>
internal static class SpaceTransaction
{
    // On the space row: the partition's write sequence (see StoredSpace.Writes).
    public const string Writes = "Writes";

    // This write's number in the partition's sequence: the space row is rewritten by every write that adds rows, under its ETag.
    private static long Sequence(SpaceWrite write) => (write.Before?.Writes ?? 0) + 1;

    public static (List<TableTransactionAction> Actions, ImmutableArray<(string RowKey, Effect Effect)> Outbox) Build(SpaceWrite write)
    {
        var partition = write.After.Space.Id.Value;
        var actions = new List<TableTransactionAction>();
        var before = write.Before?.State;
        var spaceRecord = SpaceRecord.Of(write.After);
        var sequence = Sequence(write);
        if (before is null)
        {
            var row = TableRows.Of(partition, RowKeys.Space, spaceRecord);
            row[Writes] = sequence;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }
        else if (SpaceRecord.Of(before) != spaceRecord || write.HasRows)
        {
            // The space row is rewritten with its ETag even when unchanged, so that any concurrent decision conflicts.
            var row = TableRows.Of(partition, RowKeys.Space, spaceRecord);
            row[Writes] = sequence;
            row.ETag = write.Before!.ETag;
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, write.Before.ETag));
        }

        var oldMembers = before?.Members ?? ImmutableDictionary<UserId, Member>.Empty;
        foreach (var (user, member) in write.After.Members)
        {
            if (!oldMembers.TryGetValue(user, out var old) || old != member)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, TableRows.Of(partition, RowKeys.Member(user), member)));
            }
        }

        foreach (var user in oldMembers.Keys.Where(u => !write.After.Members.ContainsKey(u)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, RowKeys.Member(user)), ETag.All));
        }

        var issued = 0;
        foreach (var invoice in write.Invoices)
        {
            // Add, never upsert: a second invoice for the same period fails the whole write (R2).
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, TableRows.Of(partition, RowKeys.Invoice(invoice.Id), InvoiceRecord.Of(invoice))));
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.Add,
                TableRows.Of(partition, RowKeys.InvoiceListing(invoice.Content.IssuedAt, sequence, issued++, invoice.Id), invoice.Id)));
        }

        foreach (var invoice in write.UpdatedInvoices)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, TableRows.Of(partition, RowKeys.Invoice(invoice.Id), InvoiceRecord.Of(invoice)), ETag.All));
        }

        foreach (var rowKey in write.CompletedEffects)
        {
            // With its ETag unknown but its existence required: a second application of the same outcome fails whole.
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rowKey), ETag.All));
        }

        var index = 0;
        var writeId = Guid.NewGuid().ToString("N");
        foreach (var record in write.Decision.Audit)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, TableRows.Of(partition, RowKeys.Audit(record.At, sequence, index++), AuditEntry.Of(record))));
        }

        var outboxAt = DateTimeOffset.UtcNow; // the order of writes, whatever the business clock says
        index = 0;
        var outbox = ImmutableArray.CreateBuilder<(string, Effect)>(write.OutboxOrEmpty.Length);
        foreach (var effect in write.OutboxOrEmpty)
        {
            var rowKey = RowKeys.Outbox(outboxAt, writeId, index++);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, TableRows.Of(partition, rowKey, effect)));
            outbox.Add((rowKey, effect));
        }

        if (write.AppliedEvent is { } applied)
        {
            // Add: an event applied twice at once fails the second write whole (and it finds the mark when it reloads).
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, RowKeys.AppliedEvent(applied)) { ["Type"] = "applied" }));
        }

        if (write.Idempotency is { } idempotency)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, TableRows.Of(partition, RowKeys.Idempotency(idempotency.Key), idempotency)));
        }

        return (actions, outbox.MoveToImmutable());
    }

    /// <summary>The space as the transaction left it: the space row's new ETag, and the outbox less what it completed plus what it added.</summary>
    public static StoredSpace Stored(
        SpaceWrite write, List<TableTransactionAction> actions, ImmutableArray<(string RowKey, Effect Effect)> outboxRows, IReadOnlyList<Response> responses, long since)
    {
        var spaceRow = actions.FindIndex(a => a.Entity.RowKey == RowKeys.Space);
        var etag = spaceRow >= 0 && spaceRow < responses.Count && responses[spaceRow].Headers.ETag is { } written
            ? written
            : write.Before?.ETag ?? throw new InvalidDataException($"Storage did not answer the ETag of space {write.After.Space.Id}.");
        var kept = write.Before is null ? [] : write.Before.Pending.Where(p => !write.CompletedEffects.Contains(p.RowKey));
        var issued = ImmutableDictionary.CreateBuilder<InvoiceId, InvoiceRead>();
        foreach (var invoice in write.Invoices)
        {
            var row = actions.FindIndex(a => a.Entity.RowKey == RowKeys.Invoice(invoice.Id));
            if (row < responses.Count && responses[row].Headers.ETag is { } invoiceETag)
            {
                issued[invoice.Id] = new InvoiceRead(invoice, invoiceETag, since);
            }
        }

        return new StoredSpace(write.After, etag)
        {
            Pending = [.. kept, .. outboxRows],
            Issued = issued.ToImmutable(),
            Writes = spaceRow >= 0 ? Sequence(write) : write.Before?.Writes ?? 0,
        };
    }
}
