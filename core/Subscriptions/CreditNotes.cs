using System.Collections.Immutable;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;

namespace Billing.Core.Subscriptions;

/// <summary>
/// The credit note of a plan that ends before its paid period does (U11 taken over, U12 ended by sales
/// with a prorated refund): the unused part of the period, refunded to the payment it came from (V5).
/// </summary>
internal static class CreditNotes
{
    /// <summary>
    /// The credit note for the unused part of the paid period from <paramref name="from"/> (M2: prorated to
    /// the second, rounded once), crediting the invoice that paid the period; null when the period is not
    /// paid (past due) or nothing is left. A subscription ends once, so it has at most one such note. It
    /// carries the tax of the invoice it credits (T1), so the refund gives back the tax that was paid.
    /// </summary>
    public static InvoiceDraft? ForUnusedPart(SpaceBilling state, Subscription subscription, DateTimeOffset from, DecisionContext context)
    {
        if (subscription.Dunning is not null)
        {
            return null;
        }

        var period = subscription.CurrentPeriod;
        var tier = TierRules.Get(context.Catalog, subscription.Tier);
        if (Proration.CreditRestOfPeriod(tier, subscription.Cycle, subscription.Seats.Value, subscription.Currency, period, from) is not { } credit)
        {
            return null;
        }

        var id = InvoiceId.Parse($"{subscription.Id}-credit");
        var draft = InvoiceDrafts.Create(state, subscription, id, InvoiceKind.CreditNote, new BillingPeriod(credit.Period.Start, period.End), [credit], context);
        return draft with { DueAt = context.Now, Credits = subscription.RenewalInvoiceId(period.Start), Taxation = subscription.PeriodTaxation ?? draft.Taxation };
    }

    /// <summary>Issue the credit note and give its amount back through the provider of the payment it credits.</summary>
    public static ImmutableArray<Effect> IssueAndRefund(SpaceBilling state, Subscription subscription, InvoiceDraft creditNote) =>
        [new IssueInvoice(creditNote), new RefundPayment(state.Space.Id, creditNote.Id, creditNote.Credits!.Value, -creditNote.Total, subscription.PaymentMethod)];
}
