using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;

namespace Billing.Functions.Decisions;

/// <summary>
/// A write request about one invoice of the space (a payment received, I3): like a <see cref="DecisionRequest{TBody}"/>,
/// but core decides on the invoice as stored too (null when the space has none such), read again before every attempt.
/// The decision's <see cref="Decision.MovedInvoices"/> are stored with it.
/// </summary>
/// <typeparam name="TBody">The answer's JSON body.</typeparam>
public sealed record InvoiceRequest<TBody>(
    SpaceId Space,
    InvoiceId Invoice,
    Func<SpaceBilling?, Invoice?, DecisionContext, Result<Decision>> Decide,
    Func<Decision, TBody> Answer,
    string? IdempotencyKey = null,
    string? RequestHash = null,
    Func<SpaceBilling, DomainError?>? MayReplay = null);
