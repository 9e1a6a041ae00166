namespace Billing.Infra.Storage;

/// <summary>
/// The first answer to a request made with an <c>Idempotency-Key</c>: written in the same
/// transaction as the change it answered, so a replay returns exactly that answer.
/// </summary>
public sealed record IdempotencyRecord(string Key, string RequestHash, int Status, string Body, DateTimeOffset At);
