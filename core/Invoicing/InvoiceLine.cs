using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Core.Invoicing;

/// <summary>
/// One line of an invoice: tier x seats x period (V2). The words are not stored: the renderer writes
/// them in the reader's language from these facts. <see cref="Amount"/> is already rounded (M2).
/// </summary>
public sealed record InvoiceLine(
    InvoiceLineKind Kind,
    TierId Tier,
    string TierName,
    BillingCycle Cycle,
    int Seats,
    BillingPeriod Period,
    Money UnitPrice,
    Money Amount);
