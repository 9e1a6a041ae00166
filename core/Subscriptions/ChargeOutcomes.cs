using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// Applies what a payment provider answered for a charge (R3, P3). Both are idempotent and never move
/// anything backwards: a repeated or late answer about a settled invoice or an attempt already
/// counted changes nothing.
/// </summary>
public static class ChargeOutcomes
{
    /// <summary>The invoice is paid: past due ends, and the billing owner gets the invoice by email (B4).</summary>
    public static (Decision Decision, Invoice Invoice) Succeeded(SpaceBilling state, Invoice invoice, Caller caller, DecisionContext context, string? payment = null)
    {
        if (invoice.IsSettled)
        {
            return (Decision.Unchanged(state), invoice);
        }

        var paid = invoice.MarkPaid(context.Now, payment);
        var invoiceRecord = AuditTrail.Record(state, caller, context, AuditAction.InvoicePaid, invoice.Status, paid.Status);
        if (state.Subscription is not { } subscription || subscription.Id != invoice.Content.SubscriptionId)
        {
            return (new Decision(state, [], [invoiceRecord]), paid);
        }

        var settled = subscription.Dunning?.Invoice == invoice.Id ? subscription with { Dunning = null } : subscription;
        var next = state with { Plan = new PaidPlan(settled) };
        return (new Decision(next, [Notices.ToBillingOwner(next, settled, EmailKind.Invoice, invoice.Id)], [invoiceRecord]), paid);
    }

    /// <summary>
    /// A request's invoice whose charge was taken before the decision was stored (<see cref="ChargeNow"/>):
    /// paid at once, and the billing owner gets it by email (B4). No outcome follows.
    /// </summary>
    public static (Invoice Invoice, SendEmail Email) PaidNow(SpaceBilling state, Invoice issued, DateTimeOffset at, string? payment = null) =>
        (issued.MarkPaid(at, payment), Notices.ToBillingOwner(state, SubscriptionOf(state), EmailKind.Invoice, issued.Id));

    /// <summary>
    /// A request's invoice whose charge, taken at once, the bank holds for the billing owner to confirm
    /// (strong customer authentication): the change stands, the invoice stays open with the held payment
    /// until the provider reports it (P3), and the billing owner is asked to confirm it.
    /// </summary>
    public static (Invoice Invoice, SendEmail Email) HeldNow(SpaceBilling state, Invoice issued, string payment) =>
        (issued.AwaitConfirmation(payment), Notices.ToBillingOwner(state, SubscriptionOf(state), EmailKind.PaymentActionRequired, issued.Id));

    private static Subscription SubscriptionOf(SpaceBilling state) =>
        state.Subscription ?? throw new InvalidOperationException("A charge taken at once belongs to a subscription.");

    /// <summary>
    /// Charge <paramref name="attempt"/> of the invoice failed. The first failure puts the plan past due
    /// and tells the billing owner (R3); retries follow the schedule, counted from the first failure;
    /// when the last retry fails the plan ends (C3 holds: nothing is deleted).
    /// </summary>
    public static (Decision Decision, Invoice Invoice) Failed(SpaceBilling state, Invoice invoice, int attempt, Caller caller, DecisionContext context) =>
        Unpaid(state, invoice, attempt, heldPayment: null, needsAction: false, caller, context);

    /// <summary>
    /// Charge <paramref name="attempt"/> needs the billing owner to confirm it with their bank (strong
    /// customer authentication). It counts like a failure on the retry schedule, so an unconfirmed
    /// invoice cannot keep a plan forever, but the invoice stays open and the billing owner is asked,
    /// at each such attempt, to confirm it. <paramref name="heldPayment"/>: the provider's payment to confirm, kept on the invoice.
    /// </summary>
    public static (Decision Decision, Invoice Invoice) RequiresAction(SpaceBilling state, Invoice invoice, int attempt, string? heldPayment, Caller caller, DecisionContext context) =>
        Unpaid(state, invoice, attempt, heldPayment, needsAction: true, caller, context);

    private static (Decision Decision, Invoice Invoice) Unpaid(
        SpaceBilling state, Invoice invoice, int attempt, string? heldPayment, bool needsAction, Caller caller, DecisionContext context)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (invoice.IsSettled || state.Subscription is not { } subscription || subscription.Id != invoice.Content.SubscriptionId)
        {
            return (Decision.Unchanged(state), invoice);
        }

        invoice = heldPayment is null ? invoice : invoice.AwaitConfirmation(heldPayment);
        var pastDue = needsAction ? invoice : invoice.MarkPastDue();
        var auditAction = needsAction ? AuditAction.PaymentActionRequired : AuditAction.PaymentFailed;
        var retryDays = context.Catalog.Policy.PaymentRetryDays;
        if (retryDays.IsEmpty)
        {
            return (Renewals.End(state, subscription, EndReason.Unpaid, caller, context), invoice.MarkPastDue());
        }

        if (subscription.Dunning is not { } dunning || dunning.Invoice != invoice.Id)
        {
            var started = new Dunning(invoice.Id, invoice.Total, context.Now, 1, NextAttempt(context.Now, retryDays, 1), AttemptInFlight: false);
            var failing = subscription with { Dunning = started };
            var next = state with { Plan = new PaidPlan(failing) };
            return (new Decision(
                next,
                [Notices.ToBillingOwner(next, failing, needsAction ? EmailKind.PaymentActionRequired : EmailKind.PaymentFailed, invoice.Id)],
                [AuditTrail.Record(state, caller, context, auditAction, subscription, failing)]), pastDue);
        }

        if (attempt <= dunning.FailedAttempts)
        {
            return (Decision.Unchanged(state), invoice); // this failure was counted already
        }

        var failed = dunning.FailedAttempts + 1;
        if (failed > retryDays.Length)
        {
            return (Renewals.End(state, subscription, EndReason.Unpaid, caller, context), invoice.MarkPastDue());
        }

        var retrying = subscription with
        {
            Dunning = dunning with { FailedAttempts = failed, NextAttemptAt = NextAttempt(dunning.FirstFailedAt, retryDays, failed), AttemptInFlight = false },
        };
        var retried = state with { Plan = new PaidPlan(retrying) };
        return (new Decision(
            retried,
            needsAction ? [Notices.ToBillingOwner(retried, retrying, EmailKind.PaymentActionRequired, invoice.Id)] : [],
            [AuditTrail.Record(state, caller, context, auditAction, subscription, retrying)]), pastDue);
    }

    // R3: retries fall on days 1, 3, 5 and 7 (by default) after the first failure.
    private static DateTimeOffset NextAttempt(DateTimeOffset firstFailedAt, System.Collections.Immutable.ImmutableArray<int> retryDays, int failedSoFar) =>
        firstFailedAt.AddDays(retryDays[failedSoFar - 1]);
}
