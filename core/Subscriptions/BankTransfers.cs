using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>I3: sales records the bank transfers received against an invoice.</summary>
public static class BankTransfers
{
    /// <summary>
    /// Records the transfer <paramref name="received"/> against <paramref name="invoice"/> (null: the space has no such
    /// invoice). Sales only; the invoice must be open or past due, and the payment positive, in the
    /// invoice's currency, received by now, and no more than what is still due. Transfers add up; the
    /// one that covers the total pays the invoice, ends a past due that the invoice caused (R3, I4), and emails
    /// the billing owner the invoice as their receipt (B4). Each payment is audited (A1).
    /// </summary>
    public static Result<Decision> Record(SpaceBilling state, Invoice? invoice, PaymentReceived received, Caller caller, DecisionContext context)
    {
        if (!caller.Has(ServiceRoles.Sales))
        {
            return Access.RequireMember(state, caller) ?? Errors.Forbidden("Only sales (billing.sales) records payments received (I3).");
        }

        if (invoice is null)
        {
            return Errors.InvoiceNotFound();
        }

        if (invoice.Status is not (InvoiceStatus.Open or InvoiceStatus.PastDue) || invoice.Total.IsNegative)
        {
            return Errors.InvoiceNotOpen(invoice.Status.ToApiName());
        }

        var payment = received.For(invoice);
        if (payment.Amount.Currency != invoice.Total.Currency)
        {
            return Errors.InvalidRequest($"The invoice is in {invoice.Total.Currency.Code}; a payment against it is too.");
        }

        if (payment.Amount.Amount <= 0)
        {
            return Errors.InvalidRequest("A payment received is more than zero.");
        }

        if (payment.ReceivedAt > context.Now)
        {
            return Errors.InvalidRequest("A payment is recorded once received, not before.");
        }

        var due = invoice.AmountDue;
        if (payment.Amount.Amount > due.Amount)
        {
            return Errors.PaymentExceedsAmountDue(due.ToString());
        }

        var moved = invoice.Receive(payment);
        var audit = AuditTrail.Record(state, caller, context, AuditAction.PaymentReceived, new { invoice = invoice.Id, amountDue = due }, new { invoice = invoice.Id, payment, amountDue = moved.AmountDue });
        if (moved.Status != InvoiceStatus.Paid)
        {
            return new Decision(state, [], [audit]) { MovedInvoices = [moved] };
        }

        var paidAudit = AuditTrail.Record(state, caller, context, AuditAction.InvoicePaid, invoice.Status, moved.Status);
        var (next, email) = Settle(state, invoice);
        return new Decision(next, email is null ? [] : [email], [audit, paidAudit]) { MovedInvoices = [moved] };
    }

    // The paid invoice ends the past due it caused, and goes to the billing owner of its plan as a receipt, even after the plan ended (C3).
    private static (SpaceBilling State, SendEmail? Email) Settle(SpaceBilling state, Invoice invoice)
    {
        if (state.Subscription is { } current && current.Id == invoice.Content.SubscriptionId)
        {
            var settled = (current.Dunning?.Invoice == invoice.Id ? current with { Dunning = null } : current) with
            {
                AwaitedTransfers = current.AwaitedTransfers.RemoveAll(a => a.Invoice == invoice.Id),
            };
            var next = state with { Plan = new PaidPlan(settled) };
            return (next, Notices.ToBillingOwner(next, settled, EmailKind.Invoice, invoice.Id));
        }

        var past = state.PastSubscriptions.IsDefaultOrEmpty ? null : state.PastSubscriptions.LastOrDefault(p => p.Subscription.Id == invoice.Content.SubscriptionId);
        return (state, past is null ? null : Notices.ToBillingOwner(state, past.Subscription, EmailKind.Invoice, invoice.Id));
    }
}
