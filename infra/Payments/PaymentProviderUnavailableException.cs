namespace Billing.Infra.Payments;

/// <summary>
/// A provider did not answer (timeouts, network failures, its 5xx) after the client's own retries.
/// Whether the money was taken is unknown: a later attempt with the same idempotency key tells.
/// </summary>
public sealed class PaymentProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
