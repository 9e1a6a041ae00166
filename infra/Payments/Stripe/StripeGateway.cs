using System.Globalization;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Payments;
using Billing.Infra.Storage;
using Stripe;
using Charge = Billing.Core.Effects.Charge;
using PaymentMethod = Billing.Core.Payments.PaymentMethod;

namespace Billing.Infra.Payments.Stripe;

/// <summary>
/// Cards through Stripe (P1) with Stripe.net: one Stripe customer per billing account, SetupIntents to
/// save a card in the browser (P2: only the PaymentMethod id and its summary come back here), charges
/// as off-session PaymentIntents confirmed at once with the invoice's idempotency key (R2), refunds by
/// replaying that key to find the PaymentIntent. Stripe.net retries network failures and timeouts with
/// the same key, so a retried charge is never a second charge.
/// </summary>
public sealed class StripeGateway(StripeClient client, PaymentCustomers customers) : IPaymentGateway, IChargeLookup
{
    public const string SpaceKey = "space_id";
    public const string InvoiceKey = "invoice_id";
    public const string AttemptKey = "attempt";

    public PaymentProvider Provider => PaymentProvider.Stripe;

    public async Task<PaymentMethodSetup> StartSetupAsync(string customerReference, CancellationToken cancellationToken)
    {
        var space = SpaceId.Parse(customerReference);
        var customer = await CustomerOfAsync(space, cancellationToken).ConfigureAwait(false);
        var intent = await new SetupIntentService(client).CreateAsync(
            new SetupIntentCreateOptions
            {
                Customer = customer,
                Usage = "off_session",
                Metadata = new Dictionary<string, string> { [SpaceKey] = space.Value },
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new PaymentMethodSetup(PaymentProvider.Stripe, intent.ClientSecret, null, null);
    }

    /// <summary>The card behind a PaymentMethod id (<c>pm_...</c>), or behind the SetupIntent that saved it (<c>seti_...</c>).</summary>
    public async Task<PaymentMethod?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            if (token.StartsWith("seti_", StringComparison.Ordinal))
            {
                var setup = await new SetupIntentService(client).GetAsync(token, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (setup.Status != "succeeded" || setup.PaymentMethodId is null)
                {
                    return null;
                }

                token = setup.PaymentMethodId;
            }

            var method = await new PaymentMethodService(client).GetAsync(token, cancellationToken: cancellationToken).ConfigureAwait(false);
            return SummaryOf(method);
        }
        catch (StripeException e) when (e.StripeError?.Code == "resource_missing" || e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ChargeResult> ChargeAsync(Charge charge, CancellationToken cancellationToken)
    {
        try
        {
            var intent = await CreateIntentAsync(charge, cancellationToken).ConfigureAwait(false);
            return ChargeResult.Of(
                StateOf(intent), intent.Id, RedirectOf(intent), intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? intent.Status);
        }
        catch (StripeException e) when (e.StripeError?.Code == "authentication_required")
        {
            // Off-session, the bank wants the customer: Stripe answers with the PaymentIntent left for them to confirm.
            return new ChargeRequiresAction(e.StripeError.PaymentIntent?.Id ?? string.Empty, null);
        }
        catch (StripeException e) when (e.StripeError?.Type == "card_error" || e.HttpStatusCode == System.Net.HttpStatusCode.PaymentRequired)
        {
            return new ChargeDeclined(e.StripeError?.DeclineCode ?? e.StripeError?.Code ?? "card_declined");
        }
    }

    public async Task RefundAsync(Charge charge, CancellationToken cancellationToken)
    {
        PaymentIntent intent;
        try
        {
            // Stripe answers a repeated key with the first answer, which names the PaymentIntent to refund.
            intent = await CreateIntentAsync(charge, cancellationToken).ConfigureAwait(false);
        }
        catch (StripeException e) when (e.StripeError?.Type == "card_error")
        {
            return; // nothing was taken
        }

        switch (ProviderPayments.UndoOf(StateOf(intent)))
        {
            case ChargeUndo.Refund:
                await new RefundService(client).CreateAsync(
                    new RefundCreateOptions { PaymentIntent = intent.Id, Metadata = Metadata(charge) },
                    new RequestOptions { IdempotencyKey = $"refund:{charge.IdempotencyKey}" },
                    cancellationToken).ConfigureAwait(false);
                break;
            case ChargeUndo.Cancel:
                await new PaymentIntentService(client).CancelAsync(intent.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    public async Task RefundPaymentAsync(string payment, Billing.Core.Amounts.Money amount, string idempotencyKey, CreditNoteReference creditNote, CancellationToken cancellationToken) =>
        await new RefundService(client).CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = payment,
                Amount = amount.Amount,
                Metadata = new() { [SpaceKey] = creditNote.Space.Value, [InvoiceKey] = creditNote.Invoice.Value, [CreditNoteReference.CreditNoteKey] = creditNote.CreditNote.Value },
            },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken).ConfigureAwait(false);

    /// <summary>Which charge a PaymentIntent made, from the metadata it was created with; null for one this app did not create.</summary>
    public Task<ChargeReference?> ChargeOfAsync(string paymentReference, CancellationToken cancellationToken) =>
        ProviderCalls.Guard("Stripe", () => ChargeOfCoreAsync(paymentReference, cancellationToken), cancellationToken);

    private async Task<ChargeReference?> ChargeOfCoreAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        try
        {
            var intent = await new PaymentIntentService(client).GetAsync(paymentIntentId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ChargeReference.From(intent.Metadata?.GetValueOrDefault(SpaceKey), intent.Metadata?.GetValueOrDefault(InvoiceKey), intent.Metadata?.GetValueOrDefault(AttemptKey));
        }
        catch (StripeException e) when (e.StripeError?.Code == "resource_missing")
        {
            return null;
        }
    }

    public async Task<PaymentConfirmation?> ConfirmationAsync(string heldPayment, CancellationToken cancellationToken)
    {
        try
        {
            var intent = await new PaymentIntentService(client).GetAsync(heldPayment, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProviderPayments.AwaitsConfirmation(StateOf(intent))
                ? new PaymentConfirmation(PaymentProvider.Stripe, intent.ClientSecret, RedirectOf(intent))
                : null;
        }
        catch (StripeException e) when (e.StripeError?.Code == "resource_missing")
        {
            return null;
        }
    }

    public static PaymentMethod SummaryOf(global::Stripe.PaymentMethod method) =>
        PaymentMethod.Saved(
            PaymentProvider.Stripe,
            method.Id,
            new PaymentMethodSummary(method.Card?.Brand, method.Card?.Last4, (int?)method.Card?.ExpMonth, (int?)method.Card?.ExpYear, null));

    private async Task<PaymentIntent> CreateIntentAsync(Charge charge, CancellationToken cancellationToken) =>
        await new PaymentIntentService(client).CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = charge.Amount.Amount,
                Currency = charge.Amount.Currency.Code.ToLowerInvariant(),
                PaymentMethod = charge.PaymentMethod.Token,
                // Stripe needs the customer a saved card belongs to for an off-session charge.
                Customer = await customers.FindAsync(PaymentProvider.Stripe, charge.Space, cancellationToken).ConfigureAwait(false),
                OffSession = true,
                Confirm = true,
                Description = $"Invoice {charge.Invoice}",
                Metadata = Metadata(charge),
            },
            new RequestOptions { IdempotencyKey = charge.IdempotencyKey },
            cancellationToken).ConfigureAwait(false);

    private static Dictionary<string, string> Metadata(Charge charge) => new()
    {
        [SpaceKey] = charge.Space.Value,
        [InvoiceKey] = charge.Invoice.Value,
        [AttemptKey] = charge.Attempt.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A PaymentIntent's status in this app's words; what each means is core's (<see cref="ProviderPayments"/>).</summary>
    private static ProviderPaymentState StateOf(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => ProviderPaymentState.Succeeded,
        "processing" => ProviderPaymentState.Processing,
        "requires_action" or "requires_confirmation" => ProviderPaymentState.AwaitingCustomer,
        "requires_payment_method" => ProviderPaymentState.AwaitingPaymentMethod,
        _ => ProviderPaymentState.Failed,
    };

    private static Uri? RedirectOf(PaymentIntent intent) =>
        Uri.TryCreate(intent.NextAction?.RedirectToUrl?.Url, UriKind.Absolute, out var url) ? url : null;

    private async Task<string> CustomerOfAsync(SpaceId space, CancellationToken cancellationToken)
    {
        if (await customers.FindAsync(PaymentProvider.Stripe, space, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return known;
        }

        var created = await new CustomerService(client).CreateAsync(
            new CustomerCreateOptions { Metadata = new Dictionary<string, string> { [SpaceKey] = space.Value } },
            new RequestOptions { IdempotencyKey = $"customer:{space}" },
            cancellationToken).ConfigureAwait(false);
        return await customers.KeepAsync(PaymentProvider.Stripe, space, created.Id, cancellationToken).ConfigureAwait(false);
    }
}
