using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Billing.Core.Payments;

namespace Billing.Infra.Storage;

/// <summary>
/// Every provider event received, once (ARCHITECTURE.md): its raw body in blob storage at
/// <c>webhooks/{provider}/{eventId}.json</c>, then a row inserted if absent (one partition per event,
/// so ingestion scales with the events), marked applied once core has applied it. A duplicate finds
/// the row; an event whose application was interrupted is applied again (applying is idempotent).
/// </summary>
public sealed class WebhookInbox(TableClient table, BlobContainerClient bodies)
{
    private const string Applied = "AppliedAt";

    /// <summary>The longest event id kept, escaped as it keys the row: providers' ids are a few dozen characters, a table key holds at most 1 KiB.</summary>
    public const int MaxEventIdLength = 255;

    /// <summary>Whether an event id can key the row and name the body's blob; anything else is refused before a write.</summary>
    public static bool CanKey(string eventId) =>
        eventId.Length > 0 && !eventId.Any(char.IsControl) && RowKeys.Escape(eventId).Length <= MaxEventIdLength;

    /// <summary>Keeps the event; answers whether it was applied already.</summary>
    public async Task<bool> RecordAsync(PaymentProvider provider, string eventId, string type, string rawBody, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var key = Partition(provider, eventId);
        var existing = await StorageCalls.Guard(() => table.GetEntityIfExistsAsync<TableEntity>(key, provider.ToApiName(), cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing.HasValue)
        {
            return existing.Value!.ContainsKey(Applied);
        }

        // A delivery that stopped before its row kept the body already: the body of one event id is the same.
        await WriteOnceBlobs.PutAsync(bodies.GetBlobClient(BodyPath(provider, eventId)), BinaryData.FromString(rawBody), "application/json", cancellationToken)
            .ConfigureAwait(false);

        try
        {
            await StorageCalls.Guard(() => table.AddEntityAsync(
                new TableEntity(key, provider.ToApiName()) { ["Type"] = type, ["ReceivedAt"] = receivedAt, ["Body"] = BodyPath(provider, eventId) },
                cancellationToken)).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same event arriving twice at once: whichever applies it, applying twice changes nothing.
        }

        return false;
    }

    public Task MarkAppliedAsync(PaymentProvider provider, string eventId, DateTimeOffset appliedAt, CancellationToken cancellationToken) =>
        StorageCalls.Guard(() => table.UpdateEntityAsync(
            new TableEntity(Partition(provider, eventId), provider.ToApiName()) { [Applied] = appliedAt }, ETag.All, TableUpdateMode.Merge, cancellationToken));

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
