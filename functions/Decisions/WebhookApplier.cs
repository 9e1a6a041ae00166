using Billing.Core.Common;
using Billing.Core.Payments;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Infra.Payments;
using Billing.Infra.Payments.Webhooks;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// Applies a verified provider event through core (P3): finds the charge it is about (from the
/// payment's metadata, or by asking the provider which charge made the payment) or the space of the saved method,
/// and lets <see cref="InvoiceOutcomes"/> decide and store. Answers the space it changed, or null for an
/// event about nothing this app knows (recorded, and answered 200 all the same).
/// </summary>
public sealed class WebhookApplier(InvoiceOutcomes outcomes, PaymentCustomers customers, IEnumerable<IChargeLookup> lookups)
{
    public async Task<SpaceId?> ApplyAsync(PaymentEvent received, CancellationToken cancellationToken)
    {
        var caller = Caller.System(received.Provider.ToApiName());
        var requestId = $"webhook:{received.Provider.ToApiName()}:{received.Id}";
        switch (received.Kind)
        {
            case PaymentEventKind.PaymentSucceeded or PaymentEventKind.PaymentFailed or PaymentEventKind.PaymentRequiresAction or PaymentEventKind.Refunded or PaymentEventKind.Disputed:
                if (await ChargeOfAsync(received, cancellationToken) is not { } charge)
                {
                    return null;
                }

                var report = new PaymentReport(received.Provider, received.Kind switch
                {
                    PaymentEventKind.PaymentSucceeded => ReportedPayment.Succeeded,
                    PaymentEventKind.PaymentFailed => ReportedPayment.Failed,
                    PaymentEventKind.PaymentRequiresAction => ReportedPayment.RequiresAction,
                    PaymentEventKind.Refunded => ReportedPayment.Refunded,
                    _ => ReportedPayment.Disputed,
                }, charge.Attempt, received.Reason, received.Kind == PaymentEventKind.PaymentRequiresAction ? received.PaymentReference : null)
                {
                    Payment = received.Kind == PaymentEventKind.PaymentSucceeded ? received.PaymentReference : null,
                    Refunds = received.Refunds,
                };
                InvoiceOutcomes.Outcome outcome = (state, invoice, context) => PaymentEvents.Apply(state, invoice, report, caller, context);
                return await outcomes.ApplyAsync(charge.Space, charge.Invoice, requestId, outcome, new InvoiceOutcomes.Known(), cancellationToken) is not null ? charge.Space : null;

            case PaymentEventKind.MethodUpdated or PaymentEventKind.MethodRemoved:
                if (await SpaceOfCustomerAsync(received, cancellationToken) is not { } space)
                {
                    return null;
                }

                return await outcomes.ApplyAsync(
                    space,
                    requestId,
                    (state, context) => received.Kind == PaymentEventKind.MethodUpdated && received.Method is { } updated
                        ? PaymentEvents.MethodUpdated(state, updated, caller, context)
                        : received.MethodToken is { } token ? PaymentEvents.MethodRemoved(state, received.Provider, token, caller, context) : Decision.Unchanged(state),
                    cancellationToken) ? space : null;

            default:
                return null;
        }
    }

    private async Task<ChargeReference?> ChargeOfAsync(PaymentEvent received, CancellationToken cancellationToken) =>
        received.Charge
        ?? (received.PaymentReference is { } payment && lookups.FirstOrDefault(l => l.Provider == received.Provider) is { } lookup
            ? await lookup.ChargeOfAsync(payment, cancellationToken)
            : null);

    private async Task<SpaceId?> SpaceOfCustomerAsync(PaymentEvent received, CancellationToken cancellationToken) => received switch
    {
        { Customer: null } => null,
        { Provider: PaymentProvider.Stripe } => await customers.SpaceOfAsync(PaymentProvider.Stripe, received.Customer, cancellationToken),
        // PayPal carries the space itself as the merchant's customer id given when the account was saved.
        _ => SpaceId.TryParse(received.Customer, out var space) ? space : null,
    };
}
