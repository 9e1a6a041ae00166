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
/// and lets <see cref="InvoiceOutcomes"/> decide and store it once, the event's applied mark written with the
/// change. An event about nothing this app knows is only recorded (and answered 200 all the same).
/// </summary>
public sealed class WebhookApplier(InvoiceOutcomes outcomes, PaymentCustomers customers, IEnumerable<IChargeLookup> lookups)
{
    private static readonly EventApplied Unknown = new(EventResult.Unknown, null);

    public async Task<EventApplied> ApplyAsync(PaymentEvent received, CancellationToken cancellationToken)
    {
        var applied = new ProviderEvent(received.Provider, received.Id);
        var caller = Caller.System(received.Provider.ToApiName());
        var requestId = $"webhook:{received.Provider.ToApiName()}:{received.Id}";
        switch (received.Kind)
        {
            case PaymentEventKind.PaymentSucceeded or PaymentEventKind.PaymentFailed or PaymentEventKind.PaymentRequiresAction or PaymentEventKind.Refunded or PaymentEventKind.Disputed:
                if (await ChargeOfAsync(received, cancellationToken) is not { } charge)
                {
                    return Unknown;
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
                return await outcomes.ApplyEventAsync(charge.Space, charge.Invoice, applied, requestId, outcome, cancellationToken);

            case PaymentEventKind.MethodUpdated or PaymentEventKind.MethodRemoved:
                if (await SpaceOfCustomerAsync(received, cancellationToken) is not { } space)
                {
                    return Unknown;
                }

                return await outcomes.ApplyEventAsync(
                    space,
                    applied,
                    requestId,
                    (state, context) => received.Kind == PaymentEventKind.MethodUpdated && received.Method is { } updated
                        ? PaymentEvents.MethodUpdated(state, updated, caller, context)
                        : received.MethodToken is { } token ? PaymentEvents.MethodRemoved(state, received.Provider, token, caller, context) : Decision.Unchanged(state),
                    cancellationToken);

            default:
                return Unknown;
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
