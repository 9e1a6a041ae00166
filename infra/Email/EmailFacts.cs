using Billing.Core.Invoicing;

namespace Billing.Infra.Email;

/// <summary>What an email says besides its kind: the space, the invoice and its PDF when there is one, and where to see it online (the invoice's page, else the billing tab).</summary>
public sealed record EmailFacts(
    string SpaceName,
    string? RecipientName,
    Invoice? Invoice,
    ReadOnlyMemory<byte>? Pdf,
    int? Seats,
    DateTimeOffset? TrialEndsAt,
    Uri InvoicesOnline);
