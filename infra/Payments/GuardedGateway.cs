using Billing.Core.Effects;
using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>
/// A provider as callers see it: its transport failures (timeouts, network, its 5xx) arrive as
/// <see cref="PaymentProviderUnavailableException"/>, whichever client library the provider uses.
/// </summary>
internal sealed class GuardedGateway(IPaymentGateway inner) : IPaymentGateway
{
    public PaymentProvider Provider => inner.Provider;

    public Task<PaymentMethodSetup> StartSetupAsync(string customerReference, CancellationToken cancellationToken) =>
        ProviderCalls.Guard(Name, () => inner.StartSetupAsync(customerReference, cancellationToken), cancellationToken);

    public Task<PaymentMethod?> ResolveAsync(string token, CancellationToken cancellationToken) =>
        ProviderCalls.Guard(Name, () => inner.ResolveAsync(token, cancellationToken), cancellationToken);

    public Task<ChargeResult> ChargeAsync(Charge charge, CancellationToken cancellationToken) =>
        ProviderCalls.Guard(Name, () => inner.ChargeAsync(charge, cancellationToken), cancellationToken);

    public Task RefundAsync(Charge charge, CancellationToken cancellationToken) =>
        ProviderCalls.Guard(Name, () => inner.RefundAsync(charge, cancellationToken), cancellationToken);

    public Task RefundPaymentAsync(string payment, Billing.Core.Amounts.Money amount, string idempotencyKey, CreditNoteReference creditNote, CancellationToken cancellationToken) =>
        ProviderCalls.Guard(Name, () => inner.RefundPaymentAsync(payment, amount, idempotencyKey, creditNote, cancellationToken), cancellationToken);

    public Task<PaymentConfirmation?> ConfirmationAsync(string heldPayment, CancellationToken cancellationToken) =>
        ProviderCalls.Guard(Name, () => inner.ConfirmationAsync(heldPayment, cancellationToken), cancellationToken);

    private string Name => inner.Provider.ToApiName();
}
