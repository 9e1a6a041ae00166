using System.Text.Json;
using Billing.Infra.Storage;

namespace Billing.Functions.Views;

/// <summary>One audit record (A1): who, when, what, before and after, and the request it came from.</summary>
public sealed record AuditEntryView(DateTimeOffset At, string Actor, string Action, JsonElement? Before, JsonElement? After, string? RequestId)
{
    public static AuditEntryView Of(AuditEntry entry) =>
        new(entry.At, entry.Actor, JsonNamingPolicy.SnakeCaseLower.ConvertName(entry.Action.ToString()), entry.Before, entry.After, entry.RequestId);
}
