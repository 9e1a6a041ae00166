using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Billing.Core.Common;
using Billing.Core.Payments;

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
    public const string AppliedEventPrefix = "event|";

    public static string Member(UserId user) => MemberPrefix + user.Value;

    /// <summary>Text from outside (a provider's id) made safe for a key: tables refuse / \ # ? and control characters.</summary>
    public static string Escape(string text) => Uri.EscapeDataString(text);

    public static string Invoice(InvoiceId invoice) => InvoicePrefix + invoice.Value;

    /// <summary>
    /// Newest first: by the time of issue, then by the partition's write sequence and the order within
    /// the write, so invoices issued at the same instant (a frozen test clock, one renewal catching up)
    /// still list the last issued first. Rows written before the sequence (<c>{time}|{invoice}</c>)
    /// keep their place: the time comes first in both.
    /// </summary>
    public static string InvoiceListing(DateTimeOffset issuedAt, long write, int index, InvoiceId invoice) =>
        string.Create(CultureInfo.InvariantCulture, $"{InvoiceListPrefix}{Inverted(issuedAt)}|{Inverted(write)}|{Inverted(index)}|{invoice.Value}");

    /// <summary>Newest first, as <see cref="InvoiceListing"/>: time, then the write sequence, then the order within the write.</summary>
    public static string Audit(DateTimeOffset at, long write, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{AuditPrefix}{Inverted(at)}|{Inverted(write)}|{Inverted(index)}");

    /// <summary>Client-chosen keys may hold any character; their hash is a safe row key.</summary>
    public static string Idempotency(string key) => IdempotencyPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Oldest first, so effects are carried out in the order they were decided.</summary>
    public static string Outbox(DateTimeOffset at, string write, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{OutboxPrefix}{at.UtcTicks:D19}|{write}|{index:D3}");

    /// <summary>The mark of a provider's event applied to the space (written with the change it made).</summary>
    public static string AppliedEvent(ProviderEvent applied) => $"{AppliedEventPrefix}{applied.Provider.ToApiName()}|{Escape(applied.Id)}";

    public static string Team(SpaceId team) => TeamPrefix + team.Value;

    /// <summary>The upper bound of a prefix query: every key starting with the prefix sorts below it.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string Inverted(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static string Inverted(long sequence) => (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);
}
