using System.Globalization;
using System.Net;
using System.Text.Json;
using Billing.Core.Effects;
using Billing.Core.Payments;
using Billing.Infra.Configuration;

namespace Billing.Infra.Payments.PayPal;

/// <summary>
/// PayPal accounts (P1) through PayPal's REST API: vault setup tokens for the payer to approve in the
/// browser, payment tokens kept as the saved method (P2: the token and the payer's email only),
/// charges as orders paid at once with the vaulted token (the merchant-initiated, recurring kind), each
/// with the invoice's key as <c>PayPal-Request-Id</c> (R2), refunds by replaying that key to find the capture.
/// </summary>
public sealed class PayPalGateway(PayPalClient paypal, PayPalOptions options) : IPaymentGateway, IChargeLookup
{
    public PaymentProvider Provider => PaymentProvider.PayPal;

    public async Task<PaymentMethodSetup> StartSetupAsync(string customerReference, CancellationToken cancellationToken)
    {
        var returnUrl = options.ReturnUrl?.ToString();
        var setup = await paypal.CreateSetupTokenAsync(
            new SetupTokenRequest(
                new PaymentSourceRequest(new PayPalSourceRequest(
                    UsageType: "MERCHANT",
                    UsagePattern: "SUBSCRIPTION_POSTPAID",
                    ExperienceContext: returnUrl is null ? null : new ExperienceContext(returnUrl, returnUrl))),
                new CustomerRequest(customerReference)),
            $"setup:{customerReference}:{Guid.NewGuid():N}",
            cancellationToken).ConfigureAwait(false);
        return new PaymentMethodSetup(PaymentProvider.PayPal, null, setup.Id, PayPalLinks.Find(setup.Links, "approve"));
    }

    /// <summary>The PayPal account behind a payment token, or behind an approved setup token (then vaulted now).</summary>
    public async Task<PaymentMethod?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            return SummaryOf(await paypal.GetPaymentTokenAsync(token, cancellationToken).ConfigureAwait(false));
        }
        catch (PayPalException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // not a payment token: perhaps a setup token the payer just approved
        }
        catch (PayPalException e) when (e.IsRefusal)
        {
            return null;
        }

        try
        {
            var vaulted = await paypal.CreatePaymentTokenAsync(
                new PaymentTokenRequest(new PaymentSourceRequest(Token: new TokenReference(token, "SETUP_TOKEN"))), $"vault:{token}", cancellationToken).ConfigureAwait(false);
            return SummaryOf(vaulted);
        }
        catch (PayPalException e) when (e.IsRefusal)
        {
            return null; // PayPal knows no such token
        }
    }

    public async Task<ChargeResult> ChargeAsync(Charge charge, CancellationToken cancellationToken)
    {
        Order order;
        try
        {
            order = await CreateOrderAsync(charge, cancellationToken).ConfigureAwait(false);
        }
        catch (PayPalException e) when (e.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            return new ChargeDeclined(e.Error?.Issue ?? "UNPROCESSABLE_ENTITY");
        }

        var state = StateOf(order);
        // A payment taken is the order's capture; one held is the order itself, which the payer approves.
        return ChargeResult.Of(
            state, state == ProviderPaymentState.AwaitingCustomer ? order.Id : order.Capture?.Id ?? order.Id,
            ApprovalOf(order), order.Capture?.Status ?? order.Status ?? "DECLINED");
    }

    public async Task RefundAsync(Charge charge, CancellationToken cancellationToken)
    {
        // PayPal answers a repeated PayPal-Request-Id with the first order, which names the capture to refund.
        Order order;
        try
        {
            order = await CreateOrderAsync(charge, cancellationToken).ConfigureAwait(false);
        }
        catch (PayPalException e) when (e.IsRefusal)
        {
            return; // no order was taken under this key: nothing to give back
        }

        // An order still waiting for the payer cannot be cancelled through the API: unapproved, it expires.
        if (ProviderPayments.UndoOf(StateOf(order)) == ChargeUndo.Refund && order.Capture is { } capture)
        {
            await paypal.RefundCaptureAsync(
                capture.Id, new RefundRequest(ChargeReference.Of(charge).ToCustomId()), $"refund:{charge.IdempotencyKey}", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RefundPaymentAsync(string payment, Billing.Core.Amounts.Money amount, string idempotencyKey, CreditNoteReference creditNote, CancellationToken cancellationToken) =>
        await paypal.RefundCaptureAsync(payment, new RefundRequest(creditNote.ToCustomId()) { Amount = AmountOf(amount) }, idempotencyKey, cancellationToken).ConfigureAwait(false);

    /// <summary>Which charge a capture paid, from the custom_id its order was created with (a refund event names only the capture); null for one this app did not make.</summary>
    public Task<ChargeReference?> ChargeOfAsync(string paymentReference, CancellationToken cancellationToken) =>
        ProviderCalls.Guard("PayPal", async () =>
        {
            try
            {
                return ChargeReference.FromCustomId((await paypal.GetCaptureAsync(paymentReference, cancellationToken).ConfigureAwait(false)).CustomId);
            }
            catch (PayPalException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }, cancellationToken);

    private static AmountRequest AmountOf(Billing.Core.Amounts.Money amount) =>
        new(amount.Currency.Code, amount.ToMajorUnits().ToString("F" + amount.Currency.MinorUnitDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    public async Task<PaymentConfirmation?> ConfirmationAsync(string heldPayment, CancellationToken cancellationToken)
    {
        Order order;
        try
        {
            order = await paypal.GetOrderAsync(heldPayment, cancellationToken).ConfigureAwait(false);
        }
        catch (PayPalException e) when (e.IsRefusal)
        {
            return null;
        }

        return ProviderPayments.AwaitsConfirmation(StateOf(order)) ? new PaymentConfirmation(PaymentProvider.PayPal, null, ApprovalOf(order)) : null;
    }

    /// <summary>An order's status and its capture's in this app's words; what each means is core's (<see cref="ProviderPayments"/>).</summary>
    private static ProviderPaymentState StateOf(Order order) => order switch
    {
        { Status: "PAYER_ACTION_REQUIRED" } => ProviderPaymentState.AwaitingCustomer,
        { Capture.Status: "COMPLETED" } => ProviderPaymentState.Succeeded,
        { Capture.Status: "PENDING" } => ProviderPaymentState.Processing,
        _ => ProviderPaymentState.Failed,
    };

    private static Uri? ApprovalOf(Order order) => PayPalLinks.Find(order.Links, "payer-action") ?? PayPalLinks.Find(order.Links, "approve");

    /// <summary>The saved method of a vaulted payment token (as a webhook's resource carries it too).</summary>
    public static PaymentMethod SummaryOf(JsonElement paymentToken) =>
        SummaryOf(paymentToken.Deserialize<PaymentToken>(PayPalJson.Options) ?? throw new JsonException("A payment token cannot be null."));

    private static PaymentMethod SummaryOf(PaymentToken token) =>
        PaymentMethod.Saved(PaymentProvider.PayPal, token.Id, new PaymentMethodSummary(null, null, null, null, token.PaymentSource?.Paypal?.EmailAddress));

    private Task<Order> CreateOrderAsync(Charge charge, CancellationToken cancellationToken)
    {
        var amount = charge.Amount;
        return paypal.CreateOrderAsync(
            new OrderRequest(
                "CAPTURE",
                [new PurchaseUnitRequest(charge.Invoice.Value, ChargeReference.Of(charge).ToCustomId(), $"Invoice {charge.Invoice}", AmountOf(amount))],
                new PaymentSourceRequest(new PayPalSourceRequest(
                    VaultId: charge.PaymentMethod.Token,
                    StoredCredential: new StoredCredential("MERCHANT", "SUBSEQUENT", "SUBSCRIPTION_POSTPAID")))),
            charge.IdempotencyKey,
            cancellationToken);
    }
}
