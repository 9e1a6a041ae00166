using Billing.Core.Audit;
using Billing.Core.Effects;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// I4: an invoice not paid by its due date is overdue. The plan keeps the invoices it waits a bank
/// transfer for (<see cref="Subscription.AwaitedTransfers"/>) from the decision that issues them until
/// sales records the transfer that pays them (I3); the renewal run reminds the billing owner on the
/// due date and the policy's days after (0, 7 and 14 by default), each reminder once, and the plan
/// shows past due meanwhile while its paid features stay on. Ending the plan is sales' decision (U12).
/// </summary>
public static class Reminders
{
    private static readonly Caller RenewalRun = Caller.System("renewal-run");

    /// <summary>
    /// The decision with every invoice it issues for payment by invoice, with something to pay, awaited
    /// by its plan. The decisions that issue invoices pass through here, so none escapes the reminders.
    /// </summary>
    public static Decision AwaitTransfers(Decision decision)
    {
        if (decision.State.Subscription is not { } subscription)
        {
            return decision;
        }

        var awaited = decision.Effects.OfType<IssueInvoice>()
            .Select(i => i.Draft)
            .Where(d => d.PaymentMethod.IsInvoice && d.SubscriptionId == subscription.Id && d.Total.Amount > 0 && !subscription.AwaitedTransfers.Any(a => a.Invoice == d.Id))
            .Select(d => new AwaitedTransfer(d.Id, d.DueAt, 0))
            .ToList();
        return awaited.Count == 0
            ? decision
            : decision with { State = decision.State with { Plan = new PaidPlan(subscription with { AwaitedTransfers = subscription.AwaitedTransfers.AddRange(awaited) }) } };
    }

    /// <summary>When the plan's next reminder is due, or null when none is left to send.</summary>
    public static DateTimeOffset? NextAt(Subscription subscription, Catalog.BillingPolicy policy) =>
        subscription.AwaitedTransfers.Select(a => a.NextReminderAt(policy.InvoiceReminderDays)).Where(at => at is not null).Min();

    /// <summary>The reminder due at <see cref="DecisionContext.Now"/> for the invoice that waits longest, or null when none is due.</summary>
    public static Decision? RemindIfDue(SpaceBilling state, Subscription subscription, DecisionContext context)
    {
        var days = context.Catalog.Policy.InvoiceReminderDays;
        var due = subscription.AwaitedTransfers.FirstOrDefault(a => a.NextReminderAt(days) is { } at && at <= context.Now);
        if (due is null)
        {
            return null;
        }

        var reminded = due with { RemindersSent = due.RemindersDueBy(context.Now, days) };
        var next = subscription with { AwaitedTransfers = subscription.AwaitedTransfers.Replace(due, reminded) };
        var after = state with { Plan = new PaidPlan(next) };
        return new Decision(
            after,
            [Notices.ToBillingOwner(after, next, EmailKind.PaymentReminder, due.Invoice)],
            [AuditTrail.Record(state, RenewalRun, context, AuditAction.PaymentReminderSent, due, reminded)]);
    }
}
