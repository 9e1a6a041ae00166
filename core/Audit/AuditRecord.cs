using Billing.Core.Common;

namespace Billing.Core.Audit;

/// <summary>
/// One entry of a space's audit trail (A1): who did what, when, from which request, and the thing it
/// touched before and after (the domain records themselves: a subscription, billing information, a
/// member, an invoice). Records are only ever added, never rewritten.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    SpaceId Space,
    string Actor,
    AuditAction Action,
    object? Before,
    object? After,
    string? RequestId);
