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

    /// <summary>
    /// A credit note (V5): gives back part of a paid invoice (<see cref="InvoiceDraft.Credits"/>), its
    /// lines negative, numbered in its own gap-free sequence; settled when issued, the money going back
    /// through the provider that took it.
    /// </summary>
    CreditNote,
}
