using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Functions.Http;
using Billing.Infra.Payments.Webhooks;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Decisions;

/// <summary>
/// Records a verified event (its body, then its row, each written once), applies it once, and answers. The
/// row says the event was received before; the space it applies to says whether it was applied (its mark is
/// written with the change, <see cref="InvoiceOutcomes.ApplyEventAsync(SpaceId, InvoiceId, ProviderEvent, string, InvoiceOutcomes.Outcome, CancellationToken)"/>),
/// so an event received before is applied again only if no write carries its mark, and changes nothing twice.
/// </summary>
public sealed class WebhookIntake(BillingStorage storage, WebhookInbox inbox, WebhookApplier applier, EffectsPump pump, TimeProvider clock)
{
    public async Task<Results<Ok<WebhookAnswer>, ApiProblem>> AcceptAsync(PaymentProvider provider, string body, Func<string, PaymentEvent?> read, CancellationToken cancellationToken)
    {
        PaymentEvent? received;
        try
        {
            received = read(body);
        }
        catch (System.Text.Json.JsonException)
        {
            received = null;
        }

        if (received is null)
        {
            return Problems.Invalid("body", "The body is not an event of this provider.");
        }

        if (!WebhookInbox.CanKey(received.Id))
        {
            return Problems.Invalid("id", $"An event id is 1 to {WebhookInbox.MaxEventIdLength} printable characters; nothing was stored.");
        }

        await storage.EnsureReadyAsync(cancellationToken);
        var receivedBefore = await inbox.RecordAsync(provider, received.Id, received.Type, body, clock.GetUtcNow(), cancellationToken);
        var applied = await applier.ApplyAsync(received, cancellationToken);
        if (applied is { Result: EventResult.Applied, Space: { Pending.IsEmpty: false } stored })
        {
            pump.Enqueue(stored); // the emails the event queued (a receipt, a request to confirm)
        }

        var outcome = applied.Result switch
        {
            EventResult.Applied => "applied",
            EventResult.AlreadyApplied => "duplicate",
            _ when receivedBefore => "duplicate", // received before, and nothing (left) to apply
            EventResult.Unchanged => "applied",
            _ => "recorded",
        };
        return TypedResults.Ok(new WebhookAnswer(received.Id, outcome));
    }
}

/// <summary>What a webhook answers with its 200: the event, and whether it was applied, only recorded (nothing here knew its object), or a duplicate.</summary>
public sealed record WebhookAnswer(string EventId, string Outcome);
