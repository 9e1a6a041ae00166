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
/// row in the <see cref="RenewalIndex"/> in step, due at once while its outbox holds effects, and the rows of the
/// invoices it writes in the <see cref="ReceivableIndex"/> (I4).
/// The rows a write becomes are <see cref="SpaceTransaction"/>'s, each row's JSON <see cref="TableRows"/>'s.
/// </summary>
public sealed class SpaceStore(SpaceTables tables, RenewalIndex renewals, ReceivableIndex receivables, BillingPolicy policy)
{
    public Task<StoredSpace?> LoadAsync(SpaceId id, CancellationToken cancellationToken) => LoadAsync(id, null, cancellationToken);

    /// <summary>
    /// The space's row, members and outbox, and in the same query the rows <paramref name="also"/> names (an
    /// invoice, a provider event's applied mark, an idempotency record), so that a write that decides on them
    /// reads its partition once.
    /// </summary>
    public async Task<StoredSpace?> LoadAsync(SpaceId id, SpaceLoad? also, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id.Value} and (RowKey eq {RowKeys.Space} or (RowKey ge {RowKeys.MemberPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.MemberPrefix)}) or (RowKey ge {RowKeys.OutboxPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.OutboxPrefix)})");
        var invoiceKey = also?.Invoice is { } invoice ? RowKeys.Invoice(invoice) : null;
        var eventKey = also?.Event is { } applied ? RowKeys.AppliedEvent(applied) : null;
        var idempotencyKey = also?.IdempotencyKey is { } key ? RowKeys.Idempotency(key) : null;
        foreach (var extra in new[] { invoiceKey, eventKey, idempotencyKey })
        {
            if (extra is not null)
            {
                filter += " or " + TableClient.CreateQueryFilter($"RowKey eq {extra}");
            }
        }

        filter += ")";
        var table = await tables.OfAsync(id, cancellationToken).ConfigureAwait(false);
        var since = Stopwatch.GetTimestamp();
        return await StorageCalls.Guard(async () =>
        {
            TableEntity? spaceRow = null;
            var members = ImmutableDictionary.CreateBuilder<UserId, Member>();
            var pending = ImmutableArray.CreateBuilder<(string, Effect)>();
            InvoiceRead? invoiceRead = null;
            IdempotencyRecord? idempotency = null;
            var eventApplied = false;
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (row.RowKey == RowKeys.Space)
                {
                    spaceRow = row;
                }
                else if (row.RowKey.StartsWith(RowKeys.OutboxPrefix, StringComparison.Ordinal))
                {
                    pending.Add((row.RowKey, TableRows.Read<Effect>(row)));
                }
                else if (row.RowKey == invoiceKey)
                {
                    invoiceRead = new InvoiceRead(TableRows.Read<InvoiceRecord>(row).ToInvoice(), row.ETag, since);
                }
                else if (row.RowKey == eventKey)
                {
                    eventApplied = true;
                }
                else if (row.RowKey == idempotencyKey)
                {
                    idempotency = TableRows.Read<IdempotencyRecord>(row);
                }
                else
                {
                    var member = TableRows.Read<Member>(row);
                    members[member.UserId] = member;
                }
            }

            return spaceRow is null
                ? null
                : new StoredSpace(TableRows.Read<SpaceRecord>(spaceRow).WithMembers(members.ToImmutable()), spaceRow.ETag)
                {
                    Pending = pending.ToImmutable(),
                    Writes = spaceRow.GetInt64(SpaceTransaction.Writes) ?? 0,
                    Also = also is null ? null : new SpaceLoaded(invoiceRead, eventApplied, idempotency),
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
        var (actions, outboxRows) = SpaceTransaction.Build(write);
        if (actions.Count == 0)
        {
            return write.Before ?? throw new InvalidOperationException("A new space always writes its row.");
        }

        if (actions.Count > 100)
        {
            throw new InvalidOperationException($"A decision wrote {actions.Count} rows; a transaction holds 100 at most.");
        }

        var since = Stopwatch.GetTimestamp();
        if (write.IndexedByRenewalRun)
        {
            return SpaceTransaction.Stored(write, actions, outboxRows, await SubmitAsync(write, actions, cancellationToken).ConfigureAwait(false), since);
        }

        var space = write.After.Space.Id;
        var dueBefore = write.Before is null ? null : Renewals.NextDueAt(write.Before.State, policy);
        var dueAfter = Renewals.DueAt(write.After, effectsPending: !write.OutboxOrEmpty.IsEmpty, write.DecidedAt, policy);

        // A write that makes the space due sooner (effects to deliver now) keeps its later row: the run that takes the
        // space up at once reindexes it to that row again in the usual case, and a stale row only costs the run a look.
        var removed = dueBefore is { } before && dueAfter is { } after && after < before ? null : dueBefore;
        var responses = await renewals.MoveAroundAsync(space, removed, dueAfter, () => SubmitAsync(write, actions, cancellationToken), cancellationToken).ConfigureAwait(false);
        return SpaceTransaction.Stored(write, actions, outboxRows, responses, since);
    }

    // Every write of invoices passes here, so the receivables follow them whatever decided it (I4).
    private Task<IReadOnlyList<Response>> SubmitAsync(SpaceWrite write, List<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        write.Invoices.IsEmpty && write.UpdatedInvoices.IsEmpty
            ? SubmitTransactionAsync(write, actions, cancellationToken)
            : receivables.KeepAroundAsync(write.Invoices, write.UpdatedInvoices, () => SubmitTransactionAsync(write, actions, cancellationToken), cancellationToken, write.NeverReceivable);

    private async Task<IReadOnlyList<Response>> SubmitTransactionAsync(SpaceWrite write, List<TableTransactionAction> actions, CancellationToken cancellationToken)
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

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(SpaceId space, string key, CancellationToken cancellationToken)
    {
        var table = await tables.OfAsync(space, cancellationToken).ConfigureAwait(false);
        var row = await StorageCalls.Guard(() => table.GetEntityIfExistsAsync<TableEntity>(space.Value, RowKeys.Idempotency(key), cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return row.HasValue ? TableRows.Read<IdempotencyRecord>(row.Value!) : null;
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

}
