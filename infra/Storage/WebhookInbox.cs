using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Billing.Core.Payments;

namespace Billing.Infra.Storage;

/// <summary>
/// Every provider event received, once (ARCHITECTURE.md): its raw body in blob storage at
/// <c>webhooks/{provider}/{eventId}.json</c>, then a row inserted if absent (one partition per event,
/// so ingestion scales with the events). The row only says the event was received; whether it was applied
/// is the mark the space's own write adds with the change (<see cref="ProviderEvent"/>), so recording an
/// event costs the two writes and no read, and applying it no write of the inbox's.
/// </summary>
public sealed class WebhookInbox(TableClient table, BlobContainerClient bodies)
{
    /// <summary>The longest event id kept, escaped as it keys the row: providers' ids are a few dozen characters, a table key holds at most 1 KiB.</summary>
    public const int MaxEventIdLength = 255;

    /// <summary>Whether an event id can key the row and name the body's blob; anything else is refused before a write.</summary>
    public static bool CanKey(string eventId) =>
        eventId.Length > 0 && !eventId.Any(char.IsControl) && RowKeys.Escape(eventId).Length <= MaxEventIdLength;

    /// <summary>Keeps the event, its body first; answers whether it was received before (its row was there).</summary>
    public async Task<bool> RecordAsync(PaymentProvider provider, string eventId, string type, string rawBody, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // A delivery that stopped before its row kept the body already: the body of one event id is the same.
        await WriteOnceBlobs.PutAsync(bodies.GetBlobClient(BodyPath(provider, eventId)), BinaryData.FromString(rawBody), "application/json", cancellationToken)
            .ConfigureAwait(false);

        try
        {
            await StorageCalls.Guard(() => table.AddEntityAsync(
                new TableEntity(Partition(provider, eventId), provider.ToApiName()) { ["Type"] = type, ["ReceivedAt"] = receivedAt, ["Body"] = BodyPath(provider, eventId) },
                cancellationToken)).ConfigureAwait(false);
            return false;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return true;
        }
    }

    public async Task<string?> ReadBodyAsync(PaymentProvider provider, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var body = await StorageCalls.Guard(() => bodies.GetBlobClient(BodyPath(provider, eventId)).DownloadContentAsync(cancellationToken)).ConfigureAwait(false);
            return Encoding.UTF8.GetString(body.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string Partition(PaymentProvider provider, string eventId) => $"event|{provider.ToApiName()}|{RowKeys.Escape(eventId)}";

    private static string BodyPath(PaymentProvider provider, string eventId) => $"{provider.ToApiName()}/{RowKeys.Escape(eventId)}.json";
}
