namespace Billing.Core.Invoicing;

/// <summary>Why an invoice was issued.</summary>
public enum InvoiceKind
{
    /// <summary>The first period of a new subscription (U8).</summary>
    Upgrade,

    /// <summary>A new period at renewal (R1).</summary>
    Renewal,

    /// <summary>An immediate change within a period: more seats (N1, N3), a higher tier or a longer cycle (C1).</summary>
    Change,
}
