using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;

namespace Billing.Functions.RenewalRun;

/// <summary>Counts what a pass does, as it goes; shared by the spaces a pass processes in parallel.</summary>
public sealed class RenewalTally : IDeliveryTally
{
    private int _renewed;
    private int _canceled;
    private int _failed;
    private int _retried;
    private int _invoicesEmailed;
    private int _remaining;

    /// <summary>Counts one stored step of the renewal run, as core reads it (<see cref="RenewalSteps"/>).</summary>
    public void Count(RenewalStep step)
    {
        switch (step)
        {
            case RenewalStep.Renewed:
                Interlocked.Increment(ref _renewed);
                break;
            case RenewalStep.Canceled:
                Interlocked.Increment(ref _canceled);
                break;
            case RenewalStep.Retried:
                Interlocked.Increment(ref _retried);
                break;
        }
    }

    public void ChargeFailed() => Interlocked.Increment(ref _failed);

    public void InvoiceEmailed() => Interlocked.Increment(ref _invoicesEmailed);

    public void Deferred() => Interlocked.Increment(ref _remaining);

    public RenewalSummary ToSummary() => new(_renewed, _canceled, _failed, _retried, _invoicesEmailed, _remaining);
}
