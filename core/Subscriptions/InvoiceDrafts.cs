using System.Collections.Immutable;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;

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
            context.Catalog.TaxRateFor(subscription.BillingInfo.Address.Country),
            subscription.Currency,
            subscription.PaymentMethod);
    }

    /// <summary>Issue the invoice, then charge it; payment by invoice is emailed at once instead, due in net days.</summary>
    public static ImmutableArray<Effect> IssueAndCollect(SpaceBilling state, Subscription subscription, InvoiceDraft draft)
    {
        if (subscription.IsPaidByInvoice || draft.Total.IsZero || draft.Total.IsNegative)
        {
            return [new IssueInvoice(draft), Notices.ToBillingOwner(state, subscription, EmailKind.Invoice, draft.Id)];
        }

        return [new IssueInvoice(draft), new ChargeInvoice(state.Space.Id, draft.Id, draft.Total, subscription.PaymentMethod, 1, ChargeKeys.For(state.Space.Id, draft.Id, 1))];
    }
}
