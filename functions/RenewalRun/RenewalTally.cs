using Billing.Core.Audit;
using Billing.Core.Effects;
using Billing.Core.Subscriptions;

namespace Billing.Functions.RenewalRun;

/// <summary>Counts what a pass does, as it goes; shared by the spaces a pass processes in parallel.</summary>
public sealed class RenewalTally
{
    private int _renewed;
    private int _canceled;
    private int _failed;
    private int _retried;
    private int _invoicesEmailed;
    private int _remaining;

    public void Count(Decision decision)
    {
        foreach (var record in decision.Audit)
        {
            switch (record.Action)
            {
                case AuditAction.SubscriptionRenewed:
                    Interlocked.Increment(ref _renewed);
                    break;
                case AuditAction.SubscriptionEnded when record.After is EndedSubscription { Reason: EndReason.Cancelled }:
                case AuditAction.TrialEnded:
                    Interlocked.Increment(ref _canceled);
                    break;
            }
        }

        Interlocked.Add(ref _retried, decision.Effects.OfType<ChargeLater>().Count(c => c.Attempt > 1));
    }

    public void ChargeFailed() => Interlocked.Increment(ref _failed);

    public void InvoiceEmailed() => Interlocked.Increment(ref _invoicesEmailed);

    public void Deferred() => Interlocked.Increment(ref _remaining);

    public RenewalSummary ToSummary() => new(_renewed, _canceled, _failed, _retried, _invoicesEmailed, _remaining);
}
