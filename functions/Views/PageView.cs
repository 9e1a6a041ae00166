namespace Billing.Functions.Views;

/// <summary>A page of a list, newest first, with the token of the next page (API.md).</summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, string? ContinuationToken);
