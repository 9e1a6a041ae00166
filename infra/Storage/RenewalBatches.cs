using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Billing.Core.Common;

namespace Billing.Infra.Storage;

/// <summary>
/// The fan-out of large renewal runs: batches of due spaces on the <c>renewal-batches</c> storage
/// queue, consumed by the queue-triggered function (or, outside the Functions host, by the app's own
/// consumer). Messages are base64, as the Functions queue trigger expects by default.
/// </summary>
public sealed class RenewalBatches(QueueClient queue)
{
    public const string Name = "renewal-batches";

    public Task EnsureReadyAsync(CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken));

    public Task EnqueueAsync(RenewalBatch batch, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => queue.SendMessageAsync(JsonSerializer.Serialize(batch, StorageJson.Options), cancellationToken));

    /// <summary>Up to <paramref name="max"/> batches, each invisible to other consumers for <paramref name="visibility"/>.</summary>
    public async Task<ImmutableArray<(QueueMessage Message, RenewalBatch Batch)>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var messages = await StorageCalls.Guard(() => queue.ReceiveMessagesAsync(max, visibility, cancellationToken)).ConfigureAwait(false);
        return [.. messages.Value.Select(m => (m, Parse(m.Body.ToString())))];
    }

    public Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken));

    public static RenewalBatch Parse(string json) =>
        TryParse(json, out var batch) ? batch : throw new JsonException("Not a renewal batch: a list of spaces, each a valid id with the time it was due.");

    /// <summary>The batch, when <paramref name="json"/> is one: every space a valid id, with the time it was due.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out RenewalBatch? batch)
    {
        try
        {
            batch = JsonSerializer.Deserialize<RenewalBatch>(json, StorageJson.Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            batch = null;
        }

        if (batch is null || batch.Spaces.IsDefault || batch.Spaces.Any(s => s is null || s.Space == default || s.DueAt == default))
        {
            batch = null;
            return false;
        }

        return true;
    }
}

/// <summary>Spaces the renewal index found due, with the time each was indexed for.</summary>
public sealed record RenewalBatch(ImmutableArray<DueSpace> Spaces);

public sealed record DueSpace(SpaceId Space, DateTimeOffset DueAt);
