using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Storage;

/// <summary>
/// Spaces on Azure Tables, one partition per space (in the table <see cref="SpaceTables"/> gives it): the space row, member rows, invoices, audit
/// records and idempotency records. A decision is stored as ONE entity-group transaction guarded by
/// the space row's ETag, so it lands whole or not at all, and a concurrent change makes it fail with
/// <see cref="ConcurrencyConflictException"/> (reload and decide again). Each write keeps the space's
/// row in the <see cref="RenewalIndex"/> in step, due at once while its outbox holds effects.
/// </summary>
public sealed class SpaceStore(SpaceTables tables, RenewalIndex renewals, BillingPolicy policy)
{
    private const string Json = "Json";

    // On the space row: the partition's write sequence (see StoredSpace.Writes).
    private const string Writes = "Writes";

    public async Task<StoredSpace?> LoadAsync(SpaceId id, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id.Value} and (RowKey eq {RowKeys.Space} or (RowKey ge {RowKeys.MemberPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.MemberPrefix)}) or (RowKey ge {RowKeys.OutboxPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.OutboxPrefix)}))");
        var table = await tables.OfAsync(id, cancellationToken).ConfigureAwait(false);
        return await StorageCalls.Guard(async () =>
        {
            TableEntity? spaceRow = null;
            var members = ImmutableDictionary.CreateBuilder<UserId, Member>();
            var pending = ImmutableArray.CreateBuilder<(string, Effect)>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.RowKey == RowKeys.Space)
                {
                    spaceRow = row;
                }
                else if (row.RowKey.StartsWith(RowKeys.OutboxPrefix, StringComparison.Ordinal))
                {
                    pending.Add((row.RowKey, Read<Effect>(row)));
                }
                else
                {
                    var member = Read<Member>(row);
                    members[member.UserId] = member;
                }
            }

            return spaceRow is null
                ? null
                : new StoredSpace(Read<SpaceRecord>(spaceRow).WithMembers(members.ToImmutable()), spaceRow.ETag)
                {
                    Pending = pending.ToImmutable(),
                    Writes = spaceRow.GetInt64(Writes) ?? 0,
                };
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a decision's new state, audit records, issued invoices and idempotency record atomically,
    /// and answers the space as stored (its row's new ETag, the outbox as it now stands), so the caller
    /// can carry out and decide on it without reading the partition again.
    /// </summary>
    public async Task<StoredSpace> SaveAsync(SpaceWrite write, CancellationToken cancellationToken)
    {
        var (actions, outboxRows) = Actions(write);
        if (actions.Count == 0)
        {
            return write.Before ?? throw new InvalidOperationException("A new space always writes its row.");
        }

        if (actions.Count > 100)
        {
            throw new InvalidOperationException($"A decision wrote {actions.Count} rows; a transaction holds 100 at most.");
        }

        var space = write.After.Space.Id;
        var since = Stopwatch.GetTimestamp();
        if (write.IndexedByRenewalRun)
        {
            return Stored(write, actions, outboxRows, await SubmitAsync(write, actions, cancellationToken).ConfigureAwait(false), since);
        }

        var dueBefore = write.Before is null ? null : Renewals.NextDueAt(write.Before.State, policy);
        var dueAfter = Renewals.DueAt(write.After, effectsPending: !write.OutboxOrEmpty.IsEmpty, write.DecidedAt, policy);

        if (dueAfter is { } due && due != dueBefore)
        {
            await renewals.ScheduleAsync(space, due, cancellationToken).ConfigureAwait(false);
        }

        var responses = await SubmitAsync(write, actions, cancellationToken).ConfigureAwait(false);
        if (dueBefore is { } old && (dueAfter is not { } next || !RenewalIndex.SameRow(old, next)))
        {
            await renewals.UnscheduleAsync(space, old, cancellationToken).ConfigureAwait(false);
        }

        return Stored(write, actions, outboxRows, responses, since);
    }

    private async Task<IReadOnlyList<Response>> SubmitAsync(SpaceWrite write, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var table = await tables.OfAsync(write.After.Space.Id, cancellationToken).ConfigureAwait(false);
        try
        {
            return (await StorageCalls.Guard(() => table.SubmitTransactionAsync(actions, cancellationToken)).ConfigureAwait(false)).Value;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException($"Space {write.After.Space.Id} changed while deciding.", e);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && write.Before is not null)
        {
            throw new ConcurrencyConflictException($"Space {write.After.Space.Id} vanished while deciding.", e);
        }
    }

    /// <summary>The space as the transaction left it: the space row's new ETag, and the outbox less what it completed plus what it added.</summary>
    private static StoredSpace Stored(
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

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(SpaceId space, string key, CancellationToken cancellationToken)
    {
        var table = await tables.OfAsync(space, cancellationToken).ConfigureAwait(false);
        var row = await StorageCalls.Guard(() => table.GetEntityIfExistsAsync<TableEntity>(space.Value, RowKeys.Idempotency(key), cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return row.HasValue ? Read<IdempotencyRecord>(row.Value!) : null;
    }

    /// <summary>Upserts a row outside any decision (the index of an organization's teams, for U6).</summary>
    public async Task RecordTeamAsync(SpaceId organization, SpaceId team, CancellationToken cancellationToken)
    {
        var table = await tables.OfAsync(organization, cancellationToken).ConfigureAwait(false);
        await StorageCalls.Guard(() => table.UpsertEntityAsync(new TableEntity(organization.Value, RowKeys.Team(team)), TableUpdateMode.Replace, cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task<ImmutableArray<SpaceId>> TeamsOfAsync(SpaceId organization, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {organization.Value} and RowKey ge {RowKeys.TeamPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.TeamPrefix)}");
        var table = await tables.OfAsync(organization, cancellationToken).ConfigureAwait(false);
        return await StorageCalls.Guard(async () =>
        {
            var teams = ImmutableArray.CreateBuilder<SpaceId>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                teams.Add(SpaceId.Parse(row.RowKey[RowKeys.TeamPrefix.Length..]));
            }

            return teams.ToImmutable();
        }).ConfigureAwait(false);
    }

    /// <summary>Forgets effects once carried out, in one transaction; forgetting twice is harmless.</summary>
    public async Task CompleteEffectsAsync(SpaceId space, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken)
    {
        var table = await tables.OfAsync(space, cancellationToken).ConfigureAwait(false);
        if (rowKeys.Count > 1)
        {
            try
            {
                await StorageCalls.Guard(() => table.SubmitTransactionAsync(
                    rowKeys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(space.Value, k), ETag.All)),
                    cancellationToken)).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // Another delivery forgot one of them first: forget the rest one by one.
            }
        }

        foreach (var rowKey in rowKeys)
        {
            // A delete that finds nothing succeeds.
            await StorageCalls.Guard(() => table.DeleteEntityAsync(space.Value, rowKey, ETag.All, cancellationToken)).ConfigureAwait(false);
        }
    }

    internal static T Read<T>(TableEntity row) =>
        JsonSerializer.Deserialize<T>(row.GetString(Json), StorageJson.Options) ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} is empty.");

    internal static TableEntity Row<T>(string partition, string rowKey, T value) =>
        new(partition, rowKey) { [Json] = JsonSerializer.Serialize(value, StorageJson.Options) };

    // This write's number in the partition's sequence: the space row is rewritten by every write that adds rows, under its ETag.
    private static long Sequence(SpaceWrite write) => (write.Before?.Writes ?? 0) + 1;

    private static (List<TableTransactionAction> Actions, ImmutableArray<(string RowKey, Effect Effect)> Outbox) Actions(SpaceWrite write)
    {
        var partition = write.After.Space.Id.Value;
        var actions = new List<TableTransactionAction>();
        var before = write.Before?.State;
        var spaceRecord = SpaceRecord.Of(write.After);
        var sequence = Sequence(write);
        if (before is null)
        {
            var row = Row(partition, RowKeys.Space, spaceRecord);
            row[Writes] = sequence;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }
        else if (SpaceRecord.Of(before) != spaceRecord || write.HasRows)
        {
            // The space row is rewritten with its ETag even when unchanged, so that any concurrent decision conflicts.
            var row = Row(partition, RowKeys.Space, spaceRecord);
            row[Writes] = sequence;
            row.ETag = write.Before!.ETag;
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, write.Before.ETag));
        }

        var oldMembers = before?.Members ?? ImmutableDictionary<UserId, Member>.Empty;
        foreach (var (user, member) in write.After.Members)
        {
            if (!oldMembers.TryGetValue(user, out var old) || old != member)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(partition, RowKeys.Member(user), member)));
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
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, RowKeys.Invoice(invoice.Id), InvoiceRecord.Of(invoice))));
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.Add,
                Row(partition, RowKeys.InvoiceListing(invoice.Content.IssuedAt, sequence, issued++, invoice.Id), invoice.Id)));
        }

        foreach (var invoice in write.UpdatedInvoices)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, Row(partition, RowKeys.Invoice(invoice.Id), InvoiceRecord.Of(invoice)), ETag.All));
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
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, RowKeys.Audit(record.At, sequence, index++), AuditEntry.Of(record))));
        }

        var outboxAt = DateTimeOffset.UtcNow; // the order of writes, whatever the business clock says
        index = 0;
        var outbox = ImmutableArray.CreateBuilder<(string, Effect)>(write.OutboxOrEmpty.Length);
        foreach (var effect in write.OutboxOrEmpty)
        {
            var rowKey = RowKeys.Outbox(outboxAt, writeId, index++);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, rowKey, effect)));
            outbox.Add((rowKey, effect));
        }

        if (write.Idempotency is { } idempotency)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, RowKeys.Idempotency(idempotency.Key), idempotency)));
        }

        return (actions, outbox.MoveToImmutable());
    }
}
