namespace Billing.Core.Invoicing;

/// <summary>What a line of an invoice pays for (V2).</summary>
public enum InvoiceLineKind
{
    /// <summary>A whole period of a tier for a number of seats.</summary>
    Plan,

    /// <summary>The rest of a period, from a change until the renewal (N1, N3, C1).</summary>
    ProratedCharge,

    /// <summary>The unused rest of a period, given back when the plan changes at once (C1); negative.</summary>
    ProratedCredit,

    /// <summary>
    /// Part of an invoice's money given back (V5), on a partial refund's credit note: one refund of the net amount,
    /// so its seats (the quantity) are 1 and its unit price is the net; the amount is negative.
    /// </summary>
    Refund,
}
