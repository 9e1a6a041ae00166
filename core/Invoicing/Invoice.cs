using Billing.Core.Amounts;
using Billing.Core.Common;

namespace Billing.Core.Invoicing;

/// <summary>
/// An issued invoice (V1, V2). Its content never changes; only its <see cref="Status"/> moves,
/// forward: open -> past due -> paid or void, open -> paid. The totals are derived from the lines, so
/// total = subtotal + tax holds by construction.
/// </summary>
public sealed record Invoice(InvoiceDraft Content, Issuer Issuer, InvoiceNumber Number, InvoiceStatus Status, DateTimeOffset? PaidAt)
{
    public InvoiceId Id => Content.Id;

    public SpaceId SpaceId => Content.SpaceId;

    public Money Subtotal => Content.Subtotal;

    public Money Tax => Content.Tax;

    public Money Total => Content.Total;

    /// <summary>What is still to be paid: the total until the invoice is settled, nothing after (nor on a total below zero).</summary>
    public Money AmountDue => IsSettled || Total.IsNegative ? Money.Zero(Total.Currency) : Total;

    public bool IsSettled => Status is InvoiceStatus.Paid or InvoiceStatus.Void or InvoiceStatus.Refunded;

    /// <summary>The invoice paid at <paramref name="at"/>. Paying a settled invoice changes nothing (a late or repeated confirmation).</summary>
    public Invoice MarkPaid(DateTimeOffset at) => IsSettled ? this : this with { Status = InvoiceStatus.Paid, PaidAt = at };

    /// <summary>The invoice late after a failed charge (R3); a settled invoice never moves back.</summary>
    public Invoice MarkPastDue() => IsSettled ? this : this with { Status = InvoiceStatus.PastDue };

    public Invoice MarkVoid() => Status is InvoiceStatus.Paid or InvoiceStatus.Refunded ? this : this with { Status = InvoiceStatus.Void };

    /// <summary>The money of a paid invoice went back; only a paid invoice can be refunded.</summary>
    public Invoice MarkRefunded() => Status == InvoiceStatus.Paid ? this with { Status = InvoiceStatus.Refunded } : this;
}
