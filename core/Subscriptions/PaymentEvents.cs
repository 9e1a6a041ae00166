using Billing.Core.Audit;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// What the payment providers tell asynchronously (P3) besides a charge's outcome: refunds and
/// disputes made at the provider, and saved methods updated or removed there. Each is idempotent and
/// never moves anything backwards; an event about something this space no longer uses changes nothing.
/// </summary>
public static class PaymentEvents
{
    /// <summary>
    /// A provider's report about a charge of <paramref name="invoice"/>, applied only when that provider
    /// can have charged it (P3, I1): the provider of the invoice's own method, or of the plan's current
    /// method (a retry charges that one). An invoice paid by bank transfer is settled by sales: no
    /// provider's event moves it, whatever the event's metadata names.
    /// </summary>
    public static (Decision Decision, Invoice Invoice) Apply(SpaceBilling state, Invoice invoice, PaymentReport report, Caller caller, DecisionContext context)
    {
        if (!MayHaveCharged(state, invoice, report.Provider))
        {
            return (Decision.Unchanged(state), invoice);
        }

        return report.What switch
        {
            ReportedPayment.Succeeded => ChargeOutcomes.Succeeded(state, invoice, caller, context, report.Payment),
            ReportedPayment.Failed => ChargeOutcomes.Failed(state, invoice, report.Attempt, caller, context),
            ReportedPayment.RequiresAction => ChargeOutcomes.RequiresAction(state, invoice, report.Attempt, report.HeldPayment, caller, context),
            ReportedPayment.Refunded => Refunds.MadeAtProvider(state, invoice, report.Refunds, caller, context),
            _ => (Disputed(state, invoice, report.Reason ?? "dispute", caller, context), invoice),
        };
    }

    /// <summary>
    /// Whether <paramref name="provider"/> can have taken a payment for <paramref name="invoice"/>.
    /// An invoice issued for bank transfer (<see cref="PaymentProvider.Invoice"/>, which sends no events)
    /// is never charged, not even after the plan moved to a card: it never fails a charge, so it is never
    /// retried through the plan's new method.
    /// </summary>
    public static bool MayHaveCharged(SpaceBilling state, Invoice invoice, PaymentProvider provider) =>
        provider != PaymentProvider.Invoice
        && !invoice.Content.PaymentMethod.IsInvoice
        && (invoice.Content.PaymentMethod.Provider == provider
            || (state.Subscription is { } subscription && subscription.Id == invoice.Content.SubscriptionId && subscription.PaymentMethod.Provider == provider));

    /// <summary>The payer disputed a charge with their bank: recorded for the billing history (A1); nothing else changes until it is settled.</summary>
    public static Decision Disputed(SpaceBilling state, Invoice invoice, string reason, Caller caller, DecisionContext context) =>
        new(state, [], [AuditTrail.Record(state, caller, context, AuditAction.PaymentDisputed, invoice.Id.Value, reason)]);

    /// <summary>The provider changed what it shows of the saved method (a new expiry date): the summary follows (P2).</summary>
    public static Decision MethodUpdated(SpaceBilling state, PaymentMethod updated, Caller caller, DecisionContext context)
    {
        if (state.Subscription is not { } subscription || !SameMethod(subscription.PaymentMethod, updated) || subscription.PaymentMethod.Summary == updated.Summary)
        {
            return Decision.Unchanged(state);
        }

        var changed = subscription with { PaymentMethod = updated };
        return new Decision(
            state with { Plan = new PaidPlan(changed) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.PaymentMethodUpdated, subscription.PaymentMethod.Summary, updated.Summary)]);
    }

    /// <summary>
    /// The saved method was removed at the provider. The subscription keeps pointing at it, so the next
    /// charge fails and dunning (R3) runs as for any failed payment, but the billing owner is told now
    /// so that they can save another one (P1) before the renewal.
    /// </summary>
    public static Decision MethodRemoved(SpaceBilling state, PaymentProvider provider, string token, Caller caller, DecisionContext context)
    {
        if (state.Subscription is not { } subscription || subscription.PaymentMethod.Provider != provider || subscription.PaymentMethod.Token != token)
        {
            return Decision.Unchanged(state);
        }

        return new Decision(
            state,
            [Notices.ToBillingOwner(state, subscription, EmailKind.PaymentMethodRemoved, null)],
            [AuditTrail.Record(state, caller, context, AuditAction.PaymentMethodRemoved, subscription.PaymentMethod.Summary, null)]);
    }

    private static bool SameMethod(PaymentMethod a, PaymentMethod b) => a.Provider == b.Provider && a.Token == b.Token;
}
