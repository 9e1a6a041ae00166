using System.Collections.Concurrent;
using Billing.Core.Effects;
using Billing.Core.Payments;
using Billing.Infra.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Support;

/// <summary>
/// The sandbox provider as the test server uses it, keeping what a real provider's dashboard shows:
/// the charges taken, one per idempotency key however often a key was charged. The production
/// sandbox keeps nothing; the tests read this ledger instead.
/// </summary>
public sealed class SandboxLedger : IPaymentGateway
{
    private readonly SandboxGateway _sandbox = new();
    private readonly ConcurrentDictionary<string, Charge> _taken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Charge> _refunded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Payment, Billing.Core.Amounts.Money Amount)> _partRefunds = new(StringComparer.Ordinal);

    public PaymentProvider Provider => _sandbox.Provider;

    /// <summary>The charges the provider took.</summary>
    public IReadOnlyCollection<Charge> Taken => [.. _taken.Values];

    /// <summary>The refunds of part of a payment (V5: credit notes), by idempotency key, one per key.</summary>
    public IReadOnlyDictionary<string, (string Payment, Billing.Core.Amounts.Money Amount)> PartRefunds => _partRefunds;

    /// <summary>The charges the app refunded, one per idempotency key.</summary>
    public IReadOnlyCollection<Charge> Refunded => [.. _refunded.Values];

    /// <summary>Puts the ledger in the place of the sandbox that <c>Payments:Sandbox=true</c> registered.</summary>
    public static void ReplaceSandbox(WebApplicationBuilder builder)
    {
        if (builder.Services.SingleOrDefault(s => s.ServiceType == typeof(IPaymentGateway) && s.ImplementationType == typeof(SandboxGateway)) is not { } sandbox)
        {
            return;
        }

        builder.Services.Remove(sandbox);
        builder.Services.AddSingleton<SandboxLedger>();
        builder.Services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxLedger>());
    }

    public Task<PaymentMethodSetup> StartSetupAsync(string customerReference, CancellationToken cancellationToken) =>
        _sandbox.StartSetupAsync(customerReference, cancellationToken);

    public Task<PaymentMethod?> ResolveAsync(string token, CancellationToken cancellationToken) => _sandbox.ResolveAsync(token, cancellationToken);

    public async Task<ChargeResult> ChargeAsync(Charge charge, CancellationToken cancellationToken)
    {
        var result = await _sandbox.ChargeAsync(charge, cancellationToken);
        if (result is ChargeSucceeded)
        {
            _taken.TryAdd(charge.IdempotencyKey, charge);
        }

        return result;
    }

    public Task RefundAsync(Charge charge, CancellationToken cancellationToken)
    {
        _refunded.TryAdd(charge.IdempotencyKey, charge);
        return _sandbox.RefundAsync(charge, cancellationToken);
    }

    /// <summary>
    /// A test's crash point: the process dies just before the first refund whose key this accepts (the
    /// refund is not made, and nothing after it in that delivery happens). Cleared once it fires.
    /// </summary>
    public Func<string, bool>? DiesBefore { get; set; }

    public Task RefundPaymentAsync(string payment, Billing.Core.Amounts.Money amount, string idempotencyKey, CreditNoteReference creditNote, CancellationToken cancellationToken)
    {
        if (DiesBefore is { } dies && dies(idempotencyKey))
        {
            DiesBefore = null;
            throw new ProcessDiedException();
        }

        _partRefunds.TryAdd(idempotencyKey, (payment, amount));
        return _sandbox.RefundPaymentAsync(payment, amount, idempotencyKey, creditNote, cancellationToken);
    }

    public Task<PaymentConfirmation?> ConfirmationAsync(string heldPayment, CancellationToken cancellationToken) =>
        _sandbox.ConfirmationAsync(heldPayment, cancellationToken);
}

/// <summary>Thrown at a test's crash point: nothing after it runs, as if the process had died there.</summary>
public sealed class ProcessDiedException() : Exception("The process died here (a test's crash point).");
