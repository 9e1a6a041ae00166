using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Invoicing;

namespace Billing.Core.Subscriptions;

/// <summary>
/// What a proposed upgrade or change would cost (U8): the invoice due now (null when nothing is due
/// now, e.g. a change that waits for the renewal), and the next renewal invoice with its date.
/// </summary>
public sealed record PricePreview(InvoiceDraft? DueNow, DateTimeOffset NextInvoiceAt, ImmutableArray<InvoiceLine> NextInvoiceLines, Money NextInvoiceTotal);
