namespace Billing.Infra.Storage;

/// <summary>Storage did not answer (or answered 5xx): nothing was written; the caller may try again later.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Someone else changed the space since it was read (412), or wrote the same new row first (409): reload and decide again.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
