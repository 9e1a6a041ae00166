using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>The providers enabled in this deployment, by provider, each behind <see cref="GuardedGateway"/>.</summary>
public sealed class PaymentGateways(IEnumerable<IPaymentGateway> gateways)
{
    private readonly Dictionary<PaymentProvider, IPaymentGateway> _byProvider = gateways.ToDictionary(g => g.Provider, g => (IPaymentGateway)new GuardedGateway(g));

    public IPaymentGateway? For(PaymentProvider provider) => _byProvider.GetValueOrDefault(provider);

    /// <summary>The gateway a charge is taken or given back through.</summary>
    /// <exception cref="InvalidOperationException">Its provider is not enabled here (the charge waits in the outbox, or the write fails).</exception>
    public IPaymentGateway Of(Billing.Core.Effects.Charge charge) =>
        For(charge.PaymentMethod.Provider) ?? throw new InvalidOperationException($"The provider {charge.PaymentMethod.Provider} is not enabled; the charge of {charge.Invoice} waits.");
}
