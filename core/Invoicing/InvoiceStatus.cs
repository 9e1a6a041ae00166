namespace Billing.Core.Invoicing;

/// <summary>Where an invoice stands (V2).</summary>
public enum InvoiceStatus
{
    /// <summary>Issued, not yet paid, not yet late.</summary>
    Open,

    Paid,

    /// <summary>A charge failed (R3), or a bank transfer is later than its due date.</summary>
    PastDue,

    /// <summary>Cancelled by sales; kept, never deleted (C3).</summary>
    Void,

    /// <summary>Paid, then all of the money went back to the payer (V5).</summary>
    Refunded,

    /// <summary>Paid, then part of the money went back to the payer (V5); more may follow, up to what was paid.</summary>
    PartiallyRefunded,

    /// <summary>A credit note (V5): issued, and settled as it is; nobody pays it.</summary>
    Issued,
}

public static class InvoiceStatusNames
{
    public static string ToApiName(this InvoiceStatus status) => status switch
    {
        InvoiceStatus.Open => "open",
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.PastDue => "past_due",
        InvoiceStatus.Void => "void",
        InvoiceStatus.Refunded => "refunded",
        InvoiceStatus.PartiallyRefunded => "partially_refunded",
        // API.md's statuses are closed and name none for a credit note: it reads as settled, `paid`, its kind telling the two apart.
        InvoiceStatus.Issued => "paid",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
