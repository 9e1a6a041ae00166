using Billing.Core.Common;
using Billing.Core.Subscriptions;
using Billing.Functions.Http;
using Billing.Functions.Views;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Infra.Payments;
using Billing.Infra.Storage;

namespace Billing.Functions.Endpoints;

/// <summary>
/// Invoices and the audit trail, for the billing owner (B1, V3, A1). A team's invoices are reached through the team.
/// Reads never write: the write pipeline numbers and renders invoices (the pump right after the write, the
/// renewal run after a crash). A read of an invoice still being finished waits briefly for it, then answers
/// it as it stands: without a number in JSON, and 503 with <c>Retry-After</c> for its PDF.
/// </summary>
public static class InvoiceEndpoints
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;
    private const string Latest = "latest";

    // How long a read waits for the pipeline to finish an invoice, and how often it looks.
    private static readonly TimeSpan FinishingWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FinishingPoll = TimeSpan.FromMilliseconds(200);

    public static RouteGroupBuilder MapInvoices(this RouteGroupBuilder api)
    {
        api.MapGet("/spaces/{spaceId}/invoices", ListInvoices).WithName("ListInvoices");
        api.MapGet("/spaces/{spaceId}/invoices/{invoiceId}", GetInvoice).WithName("GetInvoice");
        api.MapGet("/spaces/{spaceId}/invoices/{invoiceId}/pdf", GetInvoicePdf).WithName("GetInvoicePdf");
        api.MapGet("/spaces/{spaceId}/audit", GetAudit).WithName("GetAudit");
        return api;
    }

    private static async Task<IResult> ListInvoices(
        string spaceId, int? pageSize, string? continuationToken, HttpContext http, SpaceReader reader, InvoiceLedger ledger, CancellationToken cancellationToken)
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
                shown.Add(InvoiceView.Of(await FinishedAsync(id, item, ledger, cancellationToken)));
            }

            return Results.Json(new PageView<InvoiceView>(shown, next), ApiJson.Options);
        }
        catch (ArgumentException)
        {
            return Problems.Invalid("continuationToken", "Not a token this list gave out.");
        }
    }

    private static async Task<IResult> GetInvoice(
        string spaceId, string invoiceId, HttpContext http, SpaceReader reader, InvoiceLedger ledger, PaymentGateways gateways,
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

        var view = InvoiceView.Of(await FinishedAsync(id, record, ledger, cancellationToken));
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
        string spaceId, string invoiceId, HttpContext http, SpaceReader reader, InvoiceLedger ledger, InvoiceDocumentStore documents, CancellationToken cancellationToken)
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

        var finished = await FinishedAsync(id, record, ledger, cancellationToken);
        var pdf = finished.Number is { } number ? await documents.OpenAsync(id, number, cancellationToken) : null;
        for (var waited = TimeSpan.Zero; pdf is null && finished.Number is not null && waited < FinishingWait; waited += FinishingPoll)
        {
            await Task.Delay(FinishingPoll, cancellationToken); // numbered, its PDF on its way
            pdf = await documents.OpenAsync(id, finished.Number, cancellationToken);
        }

        return pdf is null ? Problems.NotFinished() : Results.Stream(pdf, "application/pdf", $"{finished.Number}.pdf");
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

    /// <summary>The invoice once the pipeline has numbered it, waiting briefly for that; as it stands when it has not yet.</summary>
    private static async Task<Invoice> FinishedAsync(SpaceId space, Invoice invoice, InvoiceLedger ledger, CancellationToken cancellationToken)
    {
        for (var waited = TimeSpan.Zero; !invoice.IsNumbered && waited < FinishingWait; waited += FinishingPoll)
        {
            await Task.Delay(FinishingPoll, cancellationToken);
            invoice = (await ledger.GetAsync(space, invoice.Id, cancellationToken))?.Invoice ?? invoice;
        }

        return invoice;
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
