using Billing.Core.Amounts;
using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>
/// The retries of a failed renewal charge (R3). <see cref="FailedAttempts"/> counts the charges of
/// <see cref="Invoice"/> that failed; the next one is due at <see cref="NextAttemptAt"/>, or is in
/// flight when <see cref="AttemptInFlight"/> is set.
/// </summary>
public sealed record Dunning(InvoiceId Invoice, Money Amount, DateTimeOffset FirstFailedAt, int FailedAttempts, DateTimeOffset NextAttemptAt, bool AttemptInFlight);
