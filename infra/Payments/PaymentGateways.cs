using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>The providers enabled in this deployment, by provider, each behind <see cref="GuardedGateway"/>.</summary>
public sealed class PaymentGateways(IEnumerable<IPaymentGateway> gateways)
{
    private readonly Dictionary<PaymentProvider, IPaymentGateway> _byProvider = gateways.ToDictionary(g => g.Provider, g => (IPaymentGateway)new GuardedGateway(g));

    public IPaymentGateway? For(PaymentProvider provider) => _byProvider.GetValueOrDefault(provider);
}
