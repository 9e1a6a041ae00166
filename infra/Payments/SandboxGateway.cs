using System.Security.Cryptography;
using System.Text;
using Billing.Core.Effects;
using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>
/// The offline provider of local runs and tests (<c>Payments__Sandbox=true</c>, never in Production):
/// <c>pm_sandbox_ok</c> is a Visa ending 4242 that always pays, <c>pm_sandbox_declined</c> a Visa
/// ending 0002 that is always declined. Answers depend only on the token and the idempotency key,
/// so a repeated charge gives the same answer, like a real provider's idempotency. <c>pm_sandbox_paypal</c>
/// stands for an approved PayPal account (summarized by its email, as PayPal's are) that always pays,
/// so the web page's PayPal flow (approval, return URL, switch) runs offline.
/// </summary>
public sealed class SandboxGateway : IPaymentGateway
{
    public const string SucceedingToken = "pm_sandbox_ok";
    public const string DecliningToken = "pm_sandbox_declined";
    public const string PayPalToken = "pm_sandbox_paypal";

    public PaymentProvider Provider => PaymentProvider.Sandbox;

    public Task<PaymentMethodSetup> StartSetupAsync(string customerReference, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentMethodSetup(PaymentProvider.Sandbox, $"seti_sandbox_{Short(customerReference)}_secret", null, null));

    public Task<PaymentMethod?> ResolveAsync(string token, CancellationToken cancellationToken) => Task.FromResult(token switch
    {
        SucceedingToken => PaymentMethod.Saved(PaymentProvider.Sandbox, token, new PaymentMethodSummary("visa", "4242", 12, 2034, null)),
        DecliningToken => PaymentMethod.Saved(PaymentProvider.Sandbox, token, new PaymentMethodSummary("visa", "0002", 12, 2034, null)),
        PayPalToken => PaymentMethod.Saved(PaymentProvider.Sandbox, token, new PaymentMethodSummary(null, null, null, null, "buyer@paypal.sandbox.example")),
        _ => null,
    });

    public Task<ChargeResult> ChargeAsync(Charge charge, CancellationToken cancellationToken)
    {
        if (charge.PaymentMethod.Token is not (SucceedingToken or PayPalToken))
        {
            return Task.FromResult<ChargeResult>(new ChargeDeclined("card_declined"));
        }

        return Task.FromResult<ChargeResult>(new ChargeSucceeded($"pi_sandbox_{Short(charge.IdempotencyKey)}"));
    }

    public Task RefundAsync(Charge charge, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RefundPaymentAsync(string payment, Billing.Core.Amounts.Money amount, string idempotencyKey, CreditNoteReference creditNote, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<PaymentConfirmation?> ConfirmationAsync(string heldPayment, CancellationToken cancellationToken) => Task.FromResult<PaymentConfirmation?>(null);

    private static string Short(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
}
