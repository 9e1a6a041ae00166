using System.Collections.Immutable;
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
/// Spaces on Azure Tables, one partition per space: the space row, member rows, invoices, audit
/// records and idempotency records. A decision is stored as ONE entity-group transaction guarded by
/// the space row's ETag, so it lands whole or not at all, and a concurrent change makes it fail with
/// <see cref="ConcurrencyConflictException"/> (reload and decide again). Each write keeps the space's
/// row in the <see cref="RenewalIndex"/> in step, due at once while its outbox holds effects.
/// </summary>
public sealed class SpaceStore(TableClient table, RenewalIndex renewals, BillingPolicy policy)
{
    private const string Json = "Json";

    public async Task<StoredSpace?> LoadAsync(SpaceId id, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id.Value} and (RowKey eq {RowKeys.Space} or (RowKey ge {RowKeys.MemberPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.MemberPrefix)}) or (RowKey ge {RowKeys.OutboxPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.OutboxPrefix)}))");
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
                    var effect = Read<Effect>(row);
                    // Charges queued before charges named their space: the partition is the space.
                    pending.Add((row.RowKey, effect is ChargeInvoice { Space.Value: null } unnamed ? unnamed with { Space = id } : effect));
                }
                else
                {
                    var member = Read<Member>(row);
                    members[member.UserId] = member;
                }
            }

            return spaceRow is null
                ? null
                : new StoredSpace(Read<SpaceRecord>(spaceRow).WithMembers(members.ToImmutable()), spaceRow.ETag) { Pending = pending.ToImmutable() };
        }).ConfigureAwait(false);
    }

    /// <summary>Stores a decision's new state, audit records, issued invoices and idempotency record atomically.</summary>
    public async Task SaveAsync(SpaceWrite write, CancellationToken cancellationToken)
    {
        var actions = Actions(write);
        if (actions.Count == 0)
        {
            return;
        }

        if (actions.Count > 100)
        {
            throw new InvalidOperationException($"A decision wrote {actions.Count} rows; a transaction holds 100 at most.");
        }

        var space = write.After.Space.Id;
        if (write.IndexedByRenewalRun)
        {
            await SubmitAsync(write, actions, cancellationToken).ConfigureAwait(false);
            return;
        }

        var dueBefore = write.Before is null ? null : Renewals.NextDueAt(write.Before.State, policy);
        var dueAfter = Renewals.NextDueAt(write.After, policy);
        if (!write.OutboxOrEmpty.IsEmpty && (dueAfter is null || dueAfter > write.DecidedAt))
        {
            // Effects wait in the outbox: the renewal run sweeps them if nobody carries them out first.
            dueAfter = write.DecidedAt;
        }

        if (dueAfter is { } due && due != dueBefore)
        {
            await renewals.ScheduleAsync(space, due, cancellationToken).ConfigureAwait(false);
        }

        await SubmitAsync(write, actions, cancellationToken).ConfigureAwait(false);
        if (dueBefore is { } old && (dueAfter is not { } next || !RenewalIndex.SameRow(old, next)))
        {
            await renewals.UnscheduleAsync(space, old, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SubmitAsync(SpaceWrite write, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await StorageCalls.Guard(() => table.SubmitTransactionAsync(actions, cancellationToken)).ConfigureAwait(false);
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
        var row = await StorageCalls.Guard(() => table.GetEntityIfExistsAsync<TableEntity>(space.Value, RowKeys.Idempotency(key), cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return row.HasValue ? Read<IdempotencyRecord>(row.Value!) : null;
    }

    /// <summary>Upserts a row outside any decision (the index of an organization's teams, for U6).</summary>
    public Task RecordTeamAsync(SpaceId organization, SpaceId team, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => table.UpsertEntityAsync(new TableEntity(organization.Value, RowKeys.Team(team)), TableUpdateMode.Replace, cancellationToken));

    public async Task<ImmutableArray<SpaceId>> TeamsOfAsync(SpaceId organization, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {organization.Value} and RowKey ge {RowKeys.TeamPrefix} and RowKey lt {RowKeys.PrefixEnd(RowKeys.TeamPrefix)}");
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

    /// <summary>Forgets an effect once carried out; forgetting twice is harmless.</summary>
    public Task CompleteEffectAsync(SpaceId space, string rowKey, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => table.DeleteEntityAsync(space.Value, rowKey, ETag.All, cancellationToken));

    internal static T Read<T>(TableEntity row) =>
        JsonSerializer.Deserialize<T>(row.GetString(Json), StorageJson.Options) ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} is empty.");

    internal static TableEntity Row<T>(string partition, string rowKey, T value) =>
        new(partition, rowKey) { [Json] = JsonSerializer.Serialize(value, StorageJson.Options) };

    private static List<TableTransactionAction> Actions(SpaceWrite write)
    {
        var partition = write.After.Space.Id.Value;
        var actions = new List<TableTransactionAction>();
        var before = write.Before?.State;
        var spaceRecord = SpaceRecord.Of(write.After);
        if (before is null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, RowKeys.Space, spaceRecord)));
        }
        else if (SpaceRecord.Of(before) != spaceRecord || write.HasRows)
        {
            // The space row is rewritten with its ETag even when unchanged, so that any concurrent decision conflicts.
            var row = Row(partition, RowKeys.Space, spaceRecord);
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

        foreach (var invoice in write.Invoices)
        {
            // Add, never upsert: a second invoice for the same period fails the whole write (R2).
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, RowKeys.Invoice(invoice.Draft.Id), invoice)));
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.Add,
                Row(partition, RowKeys.InvoiceListing(invoice.Draft.IssuedAt, invoice.Draft.Id), invoice.Draft.Id)));
        }

        foreach (var invoice in write.UpdatedInvoices)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, Row(partition, RowKeys.Invoice(invoice.Draft.Id), invoice), ETag.All));
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
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, RowKeys.Audit(record.At, writeId, index++), AuditEntry.Of(record))));
        }

        var outboxAt = DateTimeOffset.UtcNow; // the order of writes, whatever the business clock says
        index = 0;
        foreach (var effect in write.OutboxOrEmpty)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, RowKeys.Outbox(outboxAt, writeId, index++), effect)));
        }

        if (write.Idempotency is { } idempotency)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Row(partition, RowKeys.Idempotency(idempotency.Key), idempotency)));
        }

        return actions;
    }
}
