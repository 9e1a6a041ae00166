namespace Billing.Core.Effects;

/// <summary>
/// Something a decision asks the outside world to do once its new state is stored (the outbox).
/// Every effect can be carried out more than once without harm: charges carry an idempotency key,
/// invoices an id, emails are recorded as sent.
/// </summary>
public abstract record Effect
{
    private protected Effect()
    {
    }
}
