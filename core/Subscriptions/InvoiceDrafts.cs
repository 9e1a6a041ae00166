using System.Collections.Immutable;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;

namespace Billing.Core.Subscriptions;

/// <summary>Turns lines into an invoice and the effects that collect it: a charge, or for payment by invoice the emailed invoice itself (I1).</summary>
internal static class InvoiceDrafts
{
    public static InvoiceDraft Create(
        SpaceBilling state, Subscription subscription, InvoiceId id, InvoiceKind kind, BillingPeriod period, ImmutableArray<InvoiceLine> lines, DecisionContext context)
    {
        var due = subscription.IsPaidByInvoice ? context.Now.AddDays(context.Catalog.Policy.InvoicePaymentNetDays) : context.Now;
        return new InvoiceDraft(
            id,
            state.Space.Id,
            subscription.Id,
            kind,
            context.Now,
            due,
            period,
            subscription.BillingInfo,
            lines,
            context.Catalog.TaxFor(subscription.BillingInfo, subscription.TaxExemption),
            subscription.Currency,
            subscription.PaymentMethod);
    }

    /// <summary>Issue the invoice and charge it before the decision is stored (a request's change stands only if paid); payment by invoice is emailed at once instead, due in net days.</summary>
    public static ImmutableArray<Effect> IssueAndChargeNow(SpaceBilling state, Subscription subscription, InvoiceDraft draft) =>
        IssueAndCollect(state, subscription, draft, charge => new ChargeNow(charge));

    /// <summary>Issue the invoice and queue its charge, taken once the decision is stored (a renewal); payment by invoice is emailed at once instead.</summary>
    public static ImmutableArray<Effect> IssueAndChargeLater(SpaceBilling state, Subscription subscription, InvoiceDraft draft) =>
        IssueAndCollect(state, subscription, draft, charge => new ChargeLater(charge));

    // Nothing to pay (a zero or negative total) is never charged: the invoice is emailed, paid when issued if zero (Invoice.Issue).
    private static ImmutableArray<Effect> IssueAndCollect(SpaceBilling state, Subscription subscription, InvoiceDraft draft, Func<Charge, Effect> when) =>
        subscription.IsPaidByInvoice || draft.Total.IsZero || draft.Total.IsNegative
            ? [new IssueInvoice(draft), Notices.ToBillingOwner(state, subscription, EmailKind.Invoice, draft.Id)]
            : [new IssueInvoice(draft), when(Charge.For(state.Space.Id, draft.Id, draft.Total, subscription.PaymentMethod, attempt: 1))];
}
