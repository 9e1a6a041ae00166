using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Infra.Payments;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

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

    public static RouteGroupBuilder MapInvoices(this RouteGroupBuilder space)
    {
        var history = space.MapGroup("").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        history.MapGet("/invoices", ListInvoices).WithName("ListInvoices");
        history.MapGet("/invoices/{invoiceId}", GetInvoice).WithName("GetInvoice");
        history.MapGet("/invoices/{invoiceId}/pdf", GetInvoicePdf).WithName("GetInvoicePdf")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");
        history.MapGet("/audit", GetAudit).WithName("GetAudit");

        var sales = space.MapGroup("").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        sales.MapPost("/invoices/{invoiceId}/payments", RecordPayment).WithName("RecordPayment");
        sales.MapPost("/invoices/{invoiceId}/void", VoidInvoice).WithName("VoidInvoice");
        sales.MapPost("/invoices/{invoiceId}/refunds", RefundInvoice).WithName("RefundInvoice");
        return space;
    }

    private static Task<Results<Ok<PageView<InvoiceView>>, ApiProblem>> ListInvoices(
        [AsParameters] SpaceRequest request, int? pageSize, string? continuationToken, InvoiceLedger ledger, TimeProvider clock) =>
        PageAsync(request, pageSize, async (space, size) =>
        {
            var (items, next) = await ledger.ListAsync(space, size, continuationToken, request.CancellationToken);
            var now = clock.GetUtcNow();
            var caller = request.Http.GetCaller()!; // let in by PageAsync
            var shown = new List<InvoiceView>(items.Length);
            foreach (var item in items)
            {
                shown.Add(InvoiceView.Of(await FinishedAsync(space, item, ledger, request.CancellationToken), now, caller));
            }

            return new PageView<InvoiceView>(shown, next);
        });

    private static async Task<Results<Ok<InvoiceView>, ApiProblem>> GetInvoice(
        [AsParameters] SpaceRequest request, string invoiceId, InvoiceLedger ledger, PaymentGateways gateways, TimeProvider clock)
    {
        var (caller, state, problem) = await request.LoadAsync(Access.RequireBillingHistoryReader);
        if (problem is not null)
        {
            return problem;
        }

        var id = state.Space.Id;
        var record = await FindAsync(id, invoiceId, ledger, request.CancellationToken);
        if (record is null)
        {
            return Problems.NotFound();
        }

        var view = InvoiceView.Of(await FinishedAsync(id, record, ledger, request.CancellationToken), clock.GetUtcNow(), caller);
        // Only the billing owner reads an invoice, and the client secret is fetched for them now, never stored (P2).
        if (record is { HeldPayment: { } held, Status: InvoiceStatus.Open or InvoiceStatus.PastDue }
            && gateways.For(record.Content.PaymentMethod.Provider) is { } gateway
            && await gateway.ConfirmationAsync(held, request.CancellationToken) is { } confirmation)
        {
            view = view with
            {
                PaymentConfirmation = new PaymentConfirmationView(confirmation.Provider.ToApiName(), confirmation.ClientSecret, confirmation.ApprovalUrl?.ToString()),
            };
        }

        return TypedResults.Ok(view);
    }

    private static async Task<Results<FileStreamHttpResult, ApiProblem>> GetInvoicePdf(
        [AsParameters] SpaceRequest request, string invoiceId, InvoiceLedger ledger, InvoiceDocumentStore documents)
    {
        var (_, state, problem) = await request.LoadAsync(Access.RequireBillingHistoryReader);
        if (problem is not null)
        {
            return problem;
        }

        var id = state.Space.Id;
        if (await FindAsync(id, invoiceId, ledger, request.CancellationToken) is not { } record)
        {
            return Problems.NotFound();
        }

        var finished = await FinishedAsync(id, record, ledger, request.CancellationToken);
        // A paid invoice's receipt, once delivery rendered it; the invoice as issued until then.
        var pdf = finished is { Number: { } paidNumber, Status: InvoiceStatus.Paid, Content.IsCreditNote: false } ? await documents.OpenAsync(id, paidNumber, request.CancellationToken, paid: true) : null;
        pdf ??= finished.Number is { } number ? await documents.OpenAsync(id, number, request.CancellationToken) : null;
        for (var waited = TimeSpan.Zero; pdf is null && finished.Number is not null && waited < FinishingWait; waited += FinishingPoll)
        {
            await Task.Delay(FinishingPoll, request.CancellationToken); // numbered, its PDF on its way
            pdf = await documents.OpenAsync(id, finished.Number, request.CancellationToken);
        }

        return pdf is null ? Problems.NotFinished() : TypedResults.Stream(pdf, "application/pdf", $"{finished.Number}.pdf");
    }

    // I3: a bank transfer received, recorded by sales against an open invoice; answers the invoice as it now stands.
    private static async Task<Results<Created<InvoiceView>, Replayed, ApiProblem>> RecordPayment(
        [AsParameters] SpaceRequest request, string invoiceId, PaymentReceivedBody? body, TimeProvider clock)
    {
        var (caller, id, key, hash, problem) = request.ReadKeyed(body);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (!InvoiceId.TryParse(invoiceId, out var invoice))
        {
            errors.Add("invoiceId", "An id of 1 to 64 characters from [A-Za-z0-9_-].");
        }

        if (body?.Amount is not > 0)
        {
            errors.Add("amount", "The amount received in the currency's minor units, more than zero.");
        }

        Currency? currency = null;
        if (body?.Currency is { } code)
        {
            currency = Currency.TryParse(code, out var known) ? known : null;
            if (currency is null)
            {
                errors.Add("currency", "An ISO 4217 code of a currency the catalog prices.");
            }
        }

        if (body?.ReceivedAt is null)
        {
            errors.Add("receivedAt", "Required: when the bank received the transfer (ISO 8601).");
        }

        var reference = errors.Text("reference", body?.Reference, maxLength: 140);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var received = new PaymentReceived(body!.Amount!.Value, currency, body.ReceivedAt!.Value.ToUniversalTime(), reference);
        return await request.RunAsync(
            new InvoiceRequest<InvoiceView>(
                id,
                invoice,
                (state, stored, context) => state is null ? Errors.NotFound() : BankTransfers.Record(state, stored, received, caller, context),
                d => InvoiceView.Of(d.MovedInvoices[0], clock.GetUtcNow()),
                key,
                hash,
                current => Access.RequireMember(current, caller, ServiceRoles.Sales)),
            view => TypedResults.Created((string?)null, view));
    }

    // V5: sales voids an open invoice; answers the credit note as issued (its number follows with delivery).
    private static async Task<Results<Created<InvoiceView>, Replayed, ApiProblem>> VoidInvoice([AsParameters] SpaceRequest request, string invoiceId)
    {
        var (caller, id, key, hash, problem) = request.ReadKeyed<object?>(null);
        if (problem is not null)
        {
            return problem;
        }

        if (!InvoiceId.TryParse(invoiceId, out var invoice))
        {
            return Problems.Invalid("invoiceId", "An id of 1 to 64 characters from [A-Za-z0-9_-].");
        }

        return await request.RunAsync(
            new InvoiceRequest<InvoiceView>(
                id,
                invoice,
                (state, stored, context) => state is null ? Errors.NotFound() : Refunds.Void(state, stored, caller, context),
                CreditNoteOf,
                key,
                hash,
                current => Access.RequireMember(current, caller, ServiceRoles.Sales)),
            view => TypedResults.Created((string?)null, view));
    }

    // V5: sales refunds a paid invoice in full (no amount) or in part; answers the credit note as issued.
    private static async Task<Results<Created<InvoiceView>, Replayed, ApiProblem>> RefundInvoice(
        [AsParameters] SpaceRequest request, string invoiceId, RefundBody? body)
    {
        var (caller, id, key, hash, problem) = request.ReadKeyed(body);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (!InvoiceId.TryParse(invoiceId, out var invoice))
        {
            errors.Add("invoiceId", "An id of 1 to 64 characters from [A-Za-z0-9_-].");
        }

        if (body?.Amount is <= 0)
        {
            errors.Add("amount", "The amount to refund in the currency's minor units, more than zero; absent to refund all that is left.");
        }

        var reference = errors.OptionalText("reference", body?.Reference, maxLength: 140);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return await request.RunAsync(
            new InvoiceRequest<InvoiceView>(
                id,
                invoice,
                (state, stored, context) => state is null ? Errors.NotFound() : Refunds.Refund(state, stored, body?.Amount, reference, caller, context),
                CreditNoteOf,
                key,
                hash,
                current => Access.RequireMember(current, caller, ServiceRoles.Sales)),
            view => TypedResults.Created((string?)null, view));
    }

    private static InvoiceView CreditNoteOf(Decision decision)
    {
        var note = decision.Effects.OfType<Billing.Core.Effects.IssueInvoice>().Single().Draft;
        return InvoiceView.Of(Invoice.Issue(note, note.IssuedAt), note.IssuedAt);
    }

    private static Task<Results<Ok<PageView<AuditEntryView>>, ApiProblem>> GetAudit(
        [AsParameters] SpaceRequest request, int? pageSize, string? continuationToken, AuditLog audit) =>
        PageAsync(request, pageSize, async (space, size) =>
        {
            var (items, next) = await audit.ListAsync(space, size, continuationToken, request.CancellationToken);
            return new PageView<AuditEntryView>(items.Select(AuditEntryView.Of).ToList(), next);
        });

    /// <summary>
    /// A page of the space's history for a reader core lets in (B1), of a size from 1 to <see cref="MaxPageSize"/>;
    /// a continuation token the list did not give out is 400 (<paramref name="read"/> throws <see cref="ArgumentException"/>).
    /// </summary>
    private static async Task<Results<Ok<PageView<TView>>, ApiProblem>> PageAsync<TView>(
        SpaceRequest request, int? pageSize, Func<SpaceId, int, Task<PageView<TView>>> read)
    {
        var (_, state, problem) = await request.LoadAsync(Access.RequireBillingHistoryReader);
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
            return TypedResults.Ok(await read(state.Space.Id, pageSize ?? DefaultPageSize));
        }
        catch (ArgumentException)
        {
            return Problems.Invalid("continuationToken", "Not a token this list gave out.");
        }
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
