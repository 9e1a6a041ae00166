using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Billing.Core.Common;

namespace Billing.Infra.Storage;

/// <summary>
/// The rows of a space's partition (partition key = space id). Keys that list newest first use
/// inverted ticks, since tables sort ascending.
/// </summary>
internal static class RowKeys
{
    public const string Space = "space";
    public const string MemberPrefix = "member|";
    public const string InvoicePrefix = "invoice|";
    public const string InvoiceListPrefix = "invoices|";
    public const string AuditPrefix = "audit|";
    public const string IdempotencyPrefix = "idem|";
    public const string TeamPrefix = "team|";
    public const string OutboxPrefix = "outbox|";

    public static string Member(UserId user) => MemberPrefix + user.Value;

    /// <summary>Text from outside (a provider's id) made safe for a key: tables refuse / \ # ? and control characters.</summary>
    public static string Escape(string text) => Uri.EscapeDataString(text);

    public static string Invoice(InvoiceId invoice) => InvoicePrefix + invoice.Value;

    public static string InvoiceListing(DateTimeOffset issuedAt, InvoiceId invoice) => $"{InvoiceListPrefix}{Inverted(issuedAt)}|{invoice.Value}";

    /// <summary>Newest first; <paramref name="write"/> tells apart decisions made at the same instant (a frozen test clock).</summary>
    public static string Audit(DateTimeOffset at, string write, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{AuditPrefix}{Inverted(at)}|{write}|{index:D3}");

    /// <summary>Client-chosen keys may hold any character; their hash is a safe row key.</summary>
    public static string Idempotency(string key) => IdempotencyPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Oldest first, so effects are carried out in the order they were decided.</summary>
    public static string Outbox(DateTimeOffset at, string write, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{OutboxPrefix}{at.UtcTicks:D19}|{write}|{index:D3}");

    public static string Team(SpaceId team) => TeamPrefix + team.Value;

    /// <summary>The upper bound of a prefix query: every key starting with the prefix sorts below it.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string Inverted(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
