using System.Globalization;
using Billing.Core.Calendar;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Infra.Storage;

namespace Billing.Functions.Views;

/// <summary>
/// An invoice as JSON (API.md). Line descriptions are in English here (the PDF speaks the billing owner's
/// language, V4); each line also names its tier and cycle, so a page can word it in its reader's language.
/// </summary>
public sealed record InvoiceView(
    string Id,
    string? Number,
    string Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    IReadOnlyList<InvoiceLineView> Lines,
    MoneyView Subtotal,
    MoneyView Tax,
    MoneyView Total,
    PaymentMethodView? PaymentMethod)
{
    /// <summary><c>invoice</c>, or <c>credit_note</c> (V5: its amounts negative, <see cref="CreditsInvoiceId"/> the invoice it credits).</summary>
    public string Kind { get; init; } = "invoice";

    public string? CreditsInvoiceId { get; init; }

    /// <summary>The number of the invoice a credit note credits, where the note knows it, for a page to name it.</summary>
    public string? CreditsInvoiceNumber { get; init; }

    /// <summary>What is still to be paid (API.md): the total less the bank transfers received, nothing once settled.</summary>
    public required MoneyView AmountDue { get; init; }

    /// <summary>The bank transfers sales recorded against it (I3), oldest first.</summary>
    public required IReadOnlyList<PaymentReceivedView> Payments { get; init; }

    /// <summary>What sales may do with it from the back office (core's <c>SalesActions</c>): <c>recordPayment</c>, <c>void</c>, <c>refund</c>; empty for anyone else.</summary>
    public IReadOnlyList<string> SalesActions { get; init; } = [];

    /// <summary>For an invoice whose payment waits for the billing owner (strong customer authentication): how to confirm it, fetched live from the provider.</summary>
    public PaymentConfirmationView? PaymentConfirmation { get; init; }

    /// <summary>The invoice as its reader sees it at <paramref name="now"/>: past due once overdue (I4), whatever is stored.</summary>
    /// <summary>The invoice as <paramref name="caller"/> sees it at <paramref name="now"/>, with what they may do with it.</summary>
    public static InvoiceView Of(Invoice record, DateTimeOffset now, Caller caller) =>
        Of(record, now) with { SalesActions = [.. Billing.Core.Subscriptions.SalesActions.ForInvoice(record, caller).Select(a => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(a.ToString()))] };

    public static InvoiceView Of(Invoice record, DateTimeOffset now)
    {
        var draft = record.Content;
        return new InvoiceView(
            draft.Id.Value,
            record.Number?.ToString(),
            record.StatusAt(now).ToApiName(),
            draft.IssuedAt,
            draft.DueAt,
            draft.Period.Start,
            draft.Period.End,
            draft.Lines.Select(l => InvoiceLineView.Of(l, draft.CreditsNumber?.ToString() ?? draft.Credits?.Value)).ToList(),
            MoneyView.Of(draft.Subtotal),
            MoneyView.Of(draft.Tax),
            MoneyView.Of(draft.Total),
            PaymentMethodView.Of(draft.PaymentMethod))
        {
            Kind = draft.IsCreditNote ? "credit_note" : "invoice",
            CreditsInvoiceId = draft.Credits?.Value,
            CreditsInvoiceNumber = draft.CreditsNumber?.ToString(),
            AmountDue = MoneyView.Of(record.AmountDue),
            Payments = record.Received.Select(p => new PaymentReceivedView(MoneyView.Of(p.Amount), p.ReceivedAt, p.Reference)).ToList(),
        };
    }
}

public sealed record InvoiceLineView(string Kind, string Description, string TierName, string Cycle, int Quantity, MoneyView UnitPrice, MoneyView Amount, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd)
{
    public static InvoiceLineView Of(InvoiceLine line) => Of(line, null);

    /// <param name="line">The line.</param>
    /// <param name="credited">The number (or id) of the invoice a credit note credits, which its refund line names.</param>
    public static InvoiceLineView Of(InvoiceLine line, string? credited)
    {
        var period = string.Create(CultureInfo.InvariantCulture, $"{line.Period.Start:yyyy-MM-dd} to {line.Period.End:yyyy-MM-dd}");
        var what = $"{line.TierName}, {line.Seats} seat{(line.Seats == 1 ? string.Empty : "s")}, {line.Cycle.ToApiName()}";
        var description = line.Kind switch
        {
            InvoiceLineKind.Plan => $"{what}, {period}",
            InvoiceLineKind.ProratedCharge => $"{what}, prorated {period}",
            InvoiceLineKind.Refund => $"Refund of invoice {credited}, {period}",
            _ => $"Credit for unused {what}, {period}",
        };
        return new InvoiceLineView(
            line.Kind switch { InvoiceLineKind.Plan => "plan", InvoiceLineKind.ProratedCharge => "proration", InvoiceLineKind.Refund => "refund", _ => "credit" },
            description,
            line.TierName,
            line.Cycle.ToApiName(),
            line.Seats,
            MoneyView.Of(line.UnitPrice),
            MoneyView.Of(line.Amount),
            line.Period.Start,
            line.Period.End);
    }
}

public sealed record PaymentConfirmationView(string Provider, string? ClientSecret, string? ApprovalUrl);

public sealed record PaymentReceivedView(MoneyView Amount, DateTimeOffset ReceivedAt, string Reference);
