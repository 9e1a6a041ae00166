namespace Billing.Functions.RenewalRun;

/// <summary>What one renewal pass did (API.md): the timer and <c>POST /api/operations/renewal-run</c> answer the same.</summary>
public sealed record RenewalSummary(int Renewed, int Canceled, int Failed, int Retried, int InvoicesEmailed, int Remaining);
