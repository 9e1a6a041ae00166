using System.Text.Json;
using Billing.Core.Audit;

namespace Billing.Infra.Storage;

/// <summary>An audit record as stored and shown (A1): the before and after are kept as the JSON of the records they were.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, AuditAction Action, JsonElement? Before, JsonElement? After, string? RequestId)
{
    public static AuditEntry Of(AuditRecord record) =>
        new(record.At, record.Actor, record.Action, Snapshot(record.Before), Snapshot(record.After), record.RequestId);

    private static JsonElement? Snapshot(object? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, value.GetType(), StorageJson.Options);
}
