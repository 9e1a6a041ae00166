using Billing.Core.Payments;
using Billing.Functions.Http;
using Billing.Infra.Payments.Webhooks;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Decisions;

/// <summary>Records a verified event once, applies it once, and answers.</summary>
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
        var now = clock.GetUtcNow();
        if (await inbox.RecordAsync(provider, received.Id, received.Type, body, now, cancellationToken))
        {
            return TypedResults.Ok(new WebhookAnswer(received.Id, "duplicate"));
        }

        var space = await applier.ApplyAsync(received, cancellationToken);
        await inbox.MarkAppliedAsync(provider, received.Id, now, cancellationToken);
        if (space is { } changed)
        {
            pump.Enqueue(changed); // the emails the event queued (a receipt, a request to confirm)
        }

        return TypedResults.Ok(new WebhookAnswer(received.Id, space is null ? "recorded" : "applied"));
    }
}

/// <summary>What a webhook answers with its 200: the event, and whether it was applied, only recorded (nothing here knew its object), or a duplicate.</summary>
public sealed record WebhookAnswer(string EventId, string Outcome);
