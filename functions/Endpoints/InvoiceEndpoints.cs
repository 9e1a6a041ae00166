using Billing.Core.Common;
using Billing.Core.Subscriptions;
using Billing.Functions.Http;
using Billing.Functions.Views;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Infra.Issuing;
using Billing.Infra.Payments;
using Billing.Infra.Storage;

namespace Billing.Functions.Endpoints;

/// <summary>Invoices and the audit trail, for the billing owner (B1, V3, A1). A team's invoices are reached through the team.</summary>
public static class InvoiceEndpoints
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;
    private const string Latest = "latest";

    public static RouteGroupBuilder MapInvoices(this RouteGroupBuilder api)
    {
        api.MapGet("/spaces/{spaceId}/invoices", ListInvoices).WithName("ListInvoices");
        api.MapGet("/spaces/{spaceId}/invoices/{invoiceId}", GetInvoice).WithName("GetInvoice");
        api.MapGet("/spaces/{spaceId}/invoices/{invoiceId}/pdf", GetInvoicePdf).WithName("GetInvoicePdf");
        api.MapGet("/spaces/{spaceId}/audit", GetAudit).WithName("GetAudit");
        return api;
    }

    private static async Task<IResult> ListInvoices(
        string spaceId, int? pageSize, string? continuationToken, HttpContext http, SpaceReader reader, InvoiceLedger ledger, InvoiceIssuing issuing, CancellationToken cancellationToken)
    {
        var (id, problem) = await AuthorizeAsync(http, spaceId, reader, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("pageSize", $"From 1 to {MaxPageSize}.");
        }

        try
        {
            var (items, next) = await ledger.ListAsync(id, pageSize ?? DefaultPageSize, continuationToken, cancellationToken);
            var shown = new List<InvoiceView>(items.Length);
            foreach (var item in items)
            {
                shown.Add(InvoiceView.Of(await NumberedAsync(id, item, ledger, issuing, cancellationToken)));
            }

            return Results.Json(new PageView<InvoiceView>(shown, next), ApiJson.Options);
        }
        catch (ArgumentException)
        {
            return Problems.Invalid("continuationToken", "Not a token this list gave out.");
        }
    }

    private static async Task<IResult> GetInvoice(
        string spaceId, string invoiceId, HttpContext http, SpaceReader reader, InvoiceLedger ledger, InvoiceIssuing issuing, PaymentGateways gateways,
        CancellationToken cancellationToken)
    {
        var (id, problem) = await AuthorizeAsync(http, spaceId, reader, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var record = await FindAsync(id, invoiceId, ledger, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound();
        }

        var view = InvoiceView.Of(await NumberedAsync(id, record, ledger, issuing, cancellationToken));
        // Only the billing owner reads an invoice, and the client secret is fetched for them now, never stored (P2).
        if (record is { HeldPayment: { } held, Status: InvoiceStatus.Open or InvoiceStatus.PastDue }
            && gateways.For(record.Content.PaymentMethod.Provider) is { } gateway
            && await gateway.ConfirmationAsync(held, cancellationToken) is { } confirmation)
        {
            view = view with
            {
                PaymentConfirmation = new PaymentConfirmationView(confirmation.Provider.ToApiName(), confirmation.ClientSecret, confirmation.ApprovalUrl?.ToString()),
            };
        }

        return Results.Json(view, ApiJson.Options);
    }

    private static async Task<IResult> GetInvoicePdf(
        string spaceId, string invoiceId, HttpContext http, SpaceReader reader, InvoiceLedger ledger, InvoiceIssuing issuing, InvoiceDocumentStore documents, CancellationToken cancellationToken)
    {
        var (id, problem) = await AuthorizeAsync(http, spaceId, reader, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await FindAsync(id, invoiceId, ledger, cancellationToken) is not { } record)
        {
            return Problems.NotFound();
        }

        // Finishing is idempotent: it numbers and renders an invoice a crash left unfinished.
        var number = (await issuing.FinishAsync(id, record.Id, cancellationToken)).NumberOrThrow;
        var pdf = await documents.OpenAsync(id, number, cancellationToken);
        return pdf is null ? Problems.NotFound() : Results.Stream(pdf, "application/pdf", $"{number}.pdf");
    }

    private static async Task<IResult> GetAudit(
        string spaceId, int? pageSize, string? continuationToken, HttpContext http, SpaceReader reader, AuditLog audit, CancellationToken cancellationToken)
    {
        var (id, problem) = await AuthorizeAsync(http, spaceId, reader, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("pageSize", $"From 1 to {MaxPageSize}.");
        }

        try
        {
            var (items, next) = await audit.ListAsync(id, pageSize ?? DefaultPageSize, continuationToken, cancellationToken);
            return Results.Json(new PageView<AuditEntryView>(items.Select(AuditEntryView.Of).ToList(), next), ApiJson.Options);
        }
        catch (ArgumentException)
        {
            return Problems.Invalid("continuationToken", "Not a token this list gave out.");
        }
    }

    private static async Task<(SpaceId Space, IResult? Problem)> AuthorizeAsync(HttpContext http, string spaceId, SpaceReader reader, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return (default, problem);
        }

        var state = await reader.LoadAsync(id, cancellationToken);
        if (state is null)
        {
            return (id, Problems.NotFound());
        }

        return Access.RequireBillingHistoryReader(state, caller) is { } denied ? (id, Problems.From(denied)) : (id, null);
    }

    /// <summary>An invoice is numbered at the latest when someone looks at it (the numbering runs after the answer).</summary>
    private static async Task<Invoice> NumberedAsync(SpaceId space, Invoice record, InvoiceLedger ledger, InvoiceIssuing issuing, CancellationToken cancellationToken)
    {
        if (record.IsNumbered)
        {
            return record;
        }

        await issuing.FinishAsync(space, record.Id, cancellationToken);
        return (await ledger.GetAsync(space, record.Id, cancellationToken))!.Value.Invoice;
    }

    private static async Task<Invoice?> FindAsync(SpaceId space, string invoiceId, InvoiceLedger ledger, CancellationToken cancellationToken)
    {
        if (invoiceId == Latest)
        {
            return await ledger.LatestAsync(space, cancellationToken);
        }

        return InvoiceId.TryParse(invoiceId, out var id) ? (await ledger.GetAsync(space, id, cancellationToken))?.Invoice : null;
    }
}
