using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// V5: sales voids an open invoice or refunds a paid one, in full or in part; a refund made in the
/// provider's dashboard is recorded when its webhook arrives. Each issues a credit note (its own gap-free
/// sequence, numbered on delivery), emailed to the billing owner; an invoice is never changed otherwise.
/// </summary>
public static class Refunds
{
    /// <summary>
    /// Voids the open or past due <paramref name="invoice"/> (null: the space has none such) with a credit note of
    /// all of it. A transfer awaited for it (I4) is no longer, and a past due it caused ends. Sales only.
    /// </summary>
    public static Result<Decision> Void(SpaceBilling state, Invoice? invoice, Caller caller, DecisionContext context)
    {
        if (RequireSales(state, caller, invoice) is { } denied)
        {
            return denied;
        }

        if (invoice!.Status is not (InvoiceStatus.Open or InvoiceStatus.PastDue) || invoice.Content.IsCreditNote)
        {
            return Errors.InvoiceNotOpenToVoid(invoice.Status.ToApiName());
        }

        var note = CreditNotes.ForVoid(invoice, context);
        var voided = invoice.MarkVoid();
        var next = NoLongerOwed(state, invoice);
        var email = ToBillingOwner(next, invoice, EmailKind.InvoiceVoided, note.Id);
        return new Decision(
            next,
            email is null ? [new IssueInvoice(note)] : [new IssueInvoice(note), email],
            [AuditTrail.Record(state, caller, context, AuditAction.InvoiceVoided, new { invoice = invoice.Id, status = invoice.Status.ToApiName() }, new { invoice = invoice.Id, creditNote = note.Id, total = note.Total })])
        {
            MovedInvoices = [voided],
        };
    }

    /// <summary>
    /// Gives <paramref name="amount"/> (null: all that is still refundable) of the paid <paramref name="invoice"/> back
    /// with a credit note. Through the provider that took the payment (a <see cref="RefundPayment"/> keyed by the
    /// credit note); an invoice paid by bank transfer was refunded by sales at the bank, recorded with its
    /// <paramref name="reference"/>, which it needs. Never more than was paid less what was refunded before. Sales only.
    /// </summary>
    public static Result<Decision> Refund(SpaceBilling state, Invoice? invoice, long? amount, string? reference, Caller caller, DecisionContext context)
    {
        if (RequireSales(state, caller, invoice) is { } denied)
        {
            return denied;
        }

        if (invoice!.Status is not (InvoiceStatus.Paid or InvoiceStatus.PartiallyRefunded or InvoiceStatus.Refunded) || invoice.Content.IsCreditNote)
        {
            return Errors.InvoiceNotPaid(invoice.Status.ToApiName());
        }

        var refundable = invoice.Refundable;
        var refund = Money.Of(amount ?? refundable.Amount, refundable.Currency);
        if (refund.Amount <= 0 && amount is not null)
        {
            return Errors.InvalidRequest("A refund is more than zero.");
        }

        if (refund.Amount > refundable.Amount || refund.Amount <= 0)
        {
            return Errors.RefundExceedsPaid(refundable.ToString());
        }

        var byBank = PaidByBankTransfer(invoice);
        if (byBank && string.IsNullOrWhiteSpace(reference))
        {
            return Errors.InvalidRequest("An invoice paid by bank transfer is refunded by sales at the bank: the refund's bank reference is needed.");
        }

        var note = CreditNotes.ForRefund(invoice, refund, context);
        var refunded = invoice.Refund(new InvoiceRefund(note.Id, refund, context.Now, Reference: byBank ? reference : null));
        var effects = ImmutableArray.CreateBuilder<Effect>();
        effects.Add(new IssueInvoice(note));
        if (!byBank)
        {
            effects.Add(new RefundPayment(state.Space.Id, note.Id, invoice.Id, refund, invoice.Content.PaymentMethod));
        }

        if (ToBillingOwner(state, invoice, EmailKind.CreditNote, note.Id) is { } email)
        {
            effects.Add(email);
        }

        return new Decision(state, effects.ToImmutable(), [Audited(state, caller, context, invoice, refunded, note)]) { MovedInvoices = [refunded] };
    }

    /// <summary>
    /// A provider reports the refunds of the payment of <paramref name="invoice"/>: each one it lists that is not known
    /// here (not made here for a credit note, not recorded before under its id) was made in the provider's dashboard
    /// and gets its credit note, once, up to what is still refundable; the money is back already, so nothing is
    /// refunded again. A replayed report finds every refund known and changes nothing.
    /// </summary>
    public static (Decision Decision, Invoice Invoice) MadeAtProvider(SpaceBilling state, Invoice invoice, ImmutableArray<ProviderRefund> reported, Caller caller, DecisionContext context)
    {
        var effects = ImmutableArray.CreateBuilder<Effect>();
        var audit = ImmutableArray.CreateBuilder<AuditRecord>();
        var current = invoice;
        foreach (var refund in reported)
        {
            if (refund.CreditNote is not null || current.Refunds.Any(r => r.ProviderRefund == refund.Id)
                || refund.Amount.Currency != current.Total.Currency || refund.Amount.Amount <= 0 || current.Refundable.IsZero)
            {
                continue;
            }

            var amount = refund.Amount.Amount <= current.Refundable.Amount ? refund.Amount : current.Refundable;
            var note = CreditNotes.ForRefund(current, amount, context);
            var refunded = current.Refund(new InvoiceRefund(note.Id, amount, context.Now, ProviderRefund: refund.Id));
            effects.Add(new IssueInvoice(note));
            if (ToBillingOwner(state, invoice, EmailKind.CreditNote, note.Id) is { } email)
            {
                effects.Add(email);
            }

            audit.Add(Audited(state, caller, context, current, refunded, note));
            current = refunded;
        }

        return current == invoice ? (Decision.Unchanged(state), invoice) : (new Decision(state, effects.ToImmutable(), audit.ToImmutable()), current);
    }

    /// <summary>Paid by the bank transfers sales recorded (I3), not through a provider: refunded by sales at the bank.</summary>
    public static bool PaidByBankTransfer(Invoice invoice) => invoice.Content.PaymentMethod.IsInvoice || (invoice.Payment is null && !invoice.Received.IsEmpty);

    private static DomainError? RequireSales(SpaceBilling state, Caller caller, Invoice? invoice)
    {
        if (!caller.Has(ServiceRoles.Sales))
        {
            return Access.RequireMember(state, caller) ?? Errors.Forbidden("Only sales (billing.sales) voids or refunds an invoice (V5).");
        }

        return invoice is null ? Errors.InvoiceNotFound() : null;
    }

    private static AuditRecord Audited(SpaceBilling state, Caller caller, DecisionContext context, Invoice before, Invoice after, InvoiceDraft note) =>
        AuditTrail.Record(
            state, caller, context, AuditAction.InvoiceRefunded,
            new { invoice = before.Id, status = before.Status.ToApiName(), refunded = before.AmountRefunded },
            new { invoice = after.Id, status = after.Status.ToApiName(), refunded = after.AmountRefunded, creditNote = note.Id, total = note.Total });

    // The voided invoice is no longer awaited (I4) and ends the past due it caused (R3).
    private static SpaceBilling NoLongerOwed(SpaceBilling state, Invoice invoice)
    {
        if (state.Subscription is not { } current || current.Id != invoice.Content.SubscriptionId)
        {
            return state;
        }

        var settled = (current.Dunning?.Invoice == invoice.Id ? current with { Dunning = null } : current) with
        {
            AwaitedTransfers = current.AwaitedTransfers.RemoveAll(a => a.Invoice == invoice.Id),
        };
        return settled == current ? state : state with { Plan = new PaidPlan(settled) };
    }

    // The credit note goes to the billing owner of the invoice's plan, even after the plan ended (C3): a void's, or a refund's.
    private static SendEmail? ToBillingOwner(SpaceBilling state, Invoice invoice, EmailKind kind, InvoiceId note)
    {
        var plan = state.Subscription is { } current && current.Id == invoice.Content.SubscriptionId
            ? current
            : state.PastSubscriptions.IsDefaultOrEmpty ? null : state.PastSubscriptions.LastOrDefault(p => p.Subscription.Id == invoice.Content.SubscriptionId)?.Subscription;
        return plan is null ? null : Notices.ToBillingOwner(state, plan, kind, note);
    }
}
