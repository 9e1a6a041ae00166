using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;

namespace Billing.Core.Subscriptions;

/// <summary>
/// Credit notes (V5): the one of a plan that ends before its paid period does (U11 taken over, U12 ended by
/// sales with a prorated refund), the unused part of the period refunded to the payment it came from; and
/// the one of an invoice voided or refunded, its lines (or, refunded in part, the refund's line) and tax negative.
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

    /// <summary>The credit note of a voided invoice: all of its lines and its tax, negative; its id the invoice's, <c>-v</c>.</summary>
    public static InvoiceDraft ForVoid(Invoice invoice, DecisionContext context) =>
        Crediting(invoice, InvoiceId.Parse($"{invoice.Id}-v"), [.. invoice.Content.Lines.Select(l => l with { Amount = -l.Amount })], -invoice.Tax, context);

    /// <summary>
    /// The credit note of <paramref name="amount"/> given back on the paid <paramref name="invoice"/>: its total is
    /// exactly minus the amount, its tax the invoice's tax in the same proportion (rounded once, M2), so a reverse
    /// charge or an exemption stays what it was. Refunding the whole invoice at once credits every line, as a void
    /// does; any other refund is one line of its own (<see cref="InvoiceLineKind.Refund"/>: 1 x the net refunded),
    /// since the invoice's seats and seat prices beside a share of them would not add up for the reader.
    /// The id is the invoice's, <c>-r</c> and the refund's ordinal on it.
    /// </summary>
    public static InvoiceDraft ForRefund(Invoice invoice, Money amount, DecisionContext context)
    {
        var tax = Money.Of(Rounding.DivideHalfAwayFromZero((Int128)invoice.Tax.Amount * amount.Amount, invoice.Total.Amount), amount.Currency);
        var id = InvoiceId.Parse(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{invoice.Id}-r{invoice.Refunds.Length + 1}"));
        ImmutableArray<InvoiceLine> lines = amount == invoice.Total && invoice.Refunds.IsEmpty
            ? [.. invoice.Content.Lines.Select(l => l with { Amount = -l.Amount })]
            : [RefundLine(invoice, amount - tax)];
        return Crediting(invoice, id, lines, -tax, context) with { PaymentMethod = RefundedThrough(invoice) };
    }

    // One refund of the net amount, named by the invoice's first line (its plan), over the invoice's period.
    private static InvoiceLine RefundLine(Invoice invoice, Money net)
    {
        var first = invoice.Content.Lines[0];
        return new InvoiceLine(InvoiceLineKind.Refund, first.Tier, first.TierName, first.Cycle, 1, invoice.Content.Period, net, -net);
    }

    // The money goes back the way it came: an invoice paid by bank transfer is refunded to a bank account whatever method it named.
    private static PaymentMethod RefundedThrough(Invoice invoice) =>
        Refunds.PaidByBankTransfer(invoice) ? PaymentMethod.ByInvoice : invoice.Content.PaymentMethod;

    private static InvoiceDraft Crediting(Invoice invoice, InvoiceId id, ImmutableArray<InvoiceLine> lines, Money tax, DecisionContext context) =>
        invoice.Content with
        {
            Id = id,
            Kind = InvoiceKind.CreditNote,
            IssuedAt = context.Now,
            DueAt = context.Now,
            Lines = lines,
            Credits = invoice.Id,
            CreditsNumber = invoice.Number,
            StatedTax = tax,
        };
}
