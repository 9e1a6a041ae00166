using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>The providers enabled in this deployment, by provider.</summary>
public sealed class PaymentGateways(IEnumerable<IPaymentGateway> gateways)
{
    private readonly Dictionary<PaymentProvider, IPaymentGateway> _byProvider = gateways.ToDictionary(g => g.Provider);

    public IPaymentGateway? For(PaymentProvider provider) => _byProvider.GetValueOrDefault(provider);

    public IEnumerable<PaymentProvider> Enabled => _byProvider.Keys;
}
