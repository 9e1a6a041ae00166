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
}
