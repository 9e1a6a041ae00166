namespace Billing.Infra.Payments.PayPal;

// The requests and answers of PayPal's REST API that the app uses, as PayPal spells them
// (snake_case through PayPalJson). Only the fields the app reads or sends are declared.

/// <summary>POST /v3/vault/setup-tokens: a PayPal account for the payer to approve in the browser.</summary>
public sealed record SetupTokenRequest(PaymentSourceRequest PaymentSource, CustomerRequest Customer);

public sealed record PaymentSourceRequest(PayPalSourceRequest? Paypal = null, TokenReference? Token = null);

public sealed record PayPalSourceRequest(
    string? UsageType = null,
    string? UsagePattern = null,
    ExperienceContext? ExperienceContext = null,
    string? VaultId = null,
    StoredCredential? StoredCredential = null);

public sealed record ExperienceContext(string ReturnUrl, string CancelUrl);

public sealed record StoredCredential(string PaymentInitiator, string Usage, string UsagePattern);

public sealed record CustomerRequest(string MerchantCustomerId);

/// <summary>POST /v3/vault/payment-tokens: vault the account behind an approved setup token.</summary>
public sealed record PaymentTokenRequest(PaymentSourceRequest PaymentSource);

public sealed record TokenReference(string Id, string Type);

/// <summary>A vault setup token: its id, and the link the payer approves it at.</summary>
public sealed record SetupToken(string Id, IReadOnlyList<Link>? Links);

/// <summary>A vaulted payment token: the saved method (P2: the payer's email is all the app keeps of it).</summary>
public sealed record PaymentToken(string Id, PaymentTokenSource? PaymentSource, PaymentTokenCustomer? Customer);

public sealed record PaymentTokenSource(PaymentTokenPayPal? Paypal);

public sealed record PaymentTokenPayPal(string? EmailAddress);

public sealed record PaymentTokenCustomer(string? MerchantCustomerId);

/// <summary>POST /v2/checkout/orders: an order captured at once with a vaulted account.</summary>
public sealed record OrderRequest(string Intent, IReadOnlyList<PurchaseUnitRequest> PurchaseUnits, PaymentSourceRequest PaymentSource);

public sealed record PurchaseUnitRequest(string ReferenceId, string CustomId, string Description, AmountRequest Amount);

public sealed record AmountRequest(string CurrencyCode, string Value);

/// <summary>An order: its status, its captures and its links (payer-action when the payer must act).</summary>
public sealed record Order(string Id, string? Status, IReadOnlyList<PurchaseUnit>? PurchaseUnits, IReadOnlyList<Link>? Links)
{
    /// <summary>The capture of the order's one purchase unit, when it has one.</summary>
    public Capture? Capture => PurchaseUnits is [{ Payments.Captures: [var capture, ..] }, ..] ? capture : null;
}

public sealed record PurchaseUnit(PurchaseUnitPayments? Payments);

public sealed record PurchaseUnitPayments(IReadOnlyList<Capture>? Captures);

/// <summary>A capture, in an order or read alone (GET /v2/payments/captures/{id}), with the custom_id the order's unit carried.</summary>
public sealed record Capture(string Id, string? Status, string? CustomId = null);

/// <summary>POST /v2/payments/captures/{id}/refund.</summary>
/// <summary>A capture's refund: all of it, or <see cref="Amount"/> of it.</summary>
public sealed record RefundRequest(string? CustomId)
{
    public AmountRequest? Amount { get; init; }
}

public sealed record Refund(string Id, string? Status);

public sealed record Link(string Rel, string Href);

/// <summary>What PayPal says when it refuses: its name and, per detail, the issue (<c>INSTRUMENT_DECLINED</c>, ...).</summary>
public sealed record PayPalError(string? Name, string? Message, IReadOnlyList<PayPalErrorDetail>? Details)
{
    public string? Issue => Details is [var first, ..] ? first.Issue : null;
}

public sealed record PayPalErrorDetail(string? Issue, string? Description);

internal static class PayPalLinks
{
    public static Uri? Find(IReadOnlyList<Link>? links, string rel) =>
        links?.FirstOrDefault(l => l.Rel == rel) is { } link && Uri.TryCreate(link.Href, UriKind.Absolute, out var href) ? href : null;
}
