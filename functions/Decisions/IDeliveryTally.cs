namespace Billing.Functions.Decisions;

/// <summary>What <see cref="EffectDelivery"/> reports as it goes, for whoever counts a run (the renewal run's summary).</summary>
public interface IDeliveryTally
{
    void ChargeFailed();

    void InvoiceEmailed();
}
