using Billing.Core.Invoicing;

namespace Billing.Core.Effects;

/// <summary>Number the draft from the issuer's sequence (V1), store it and its PDF (V3).</summary>
public sealed record IssueInvoice(InvoiceDraft Draft) : Effect;
