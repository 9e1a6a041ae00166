namespace Billing.Core.Tax;

/// <summary>A customer sales marked exempt from tax (T3), with the reason printed on its invoices.</summary>
public sealed record TaxExemption(string Reason);
