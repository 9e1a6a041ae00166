using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>What sales may do from the back office, by the same rules the decisions enforce, so the sales page offers no action the API would refuse.</summary>
public enum SalesAction
{
    /// <summary>End the plan at once, refunded prorated or not (U12).</summary>
    EndNow,

    /// <summary>Mark the plan's billing tax-exempt or not (T3).</summary>
    SetTaxExemption,

    /// <summary>Record a bank transfer received against the invoice (I3).</summary>
    RecordPayment,

    /// <summary>Void the unpaid invoice with a credit note (V5).</summary>
    Void,

    /// <summary>Refund the paid invoice, in full or in part, with a credit note (V5).</summary>
    Refund,
}

/// <summary>The back office's actions (I3, U12, T3, V5): only for a caller with the sales role.</summary>
public static class SalesActions
{
    /// <summary>What sales may do with the space's plan: end it at once and set its tax exemption while there is one.</summary>
    public static IReadOnlyList<SalesAction> ForPlan(SpaceBilling state, Caller caller) =>
        caller.Has(ServiceRoles.Sales) && state.Subscription is not null ? [SalesAction.EndNow, SalesAction.SetTaxExemption] : [];

    /// <summary>
    /// What sales may do with one invoice: an unpaid one takes payments (a bank transfer may come for any) and can be voided;
    /// a paid one can be refunded while some of it is not yet (V5). A credit note takes none.
    /// </summary>
    public static IReadOnlyList<SalesAction> ForInvoice(Invoice invoice, Caller caller)
    {
        if (!caller.Has(ServiceRoles.Sales) || invoice.Content.IsCreditNote)
        {
            return [];
        }

        return invoice.Status switch
        {
            InvoiceStatus.Open or InvoiceStatus.PastDue when !invoice.Total.IsNegative => [SalesAction.RecordPayment, SalesAction.Void],
            InvoiceStatus.Paid or InvoiceStatus.PartiallyRefunded when invoice.Refundable.Amount > 0 => [SalesAction.Refund],
            _ => [],
        };
    }
}
