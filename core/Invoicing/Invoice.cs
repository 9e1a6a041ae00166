using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Billing.Core.Amounts;
using Billing.Core.Common;

namespace Billing.Core.Invoicing;

/// <summary>
/// An invoice from the decision that issues it to the end of its life (V1, V2). Its content never
/// changes; its life moves only through the transitions below, and only forward:
/// <list type="bullet">
/// <item>issued (<see cref="Issue"/>): open, or paid at once when nothing is owed, or, a credit note, issued for good; its number pending;</item>
/// <item>numbered once from the issuer's sequence (<see cref="NumberAs"/>), whatever its status by then;</item>
/// <item>open -> past due (a failed charge) -> paid; open -> paid; open or past due -> void;</item>
/// <item>paid -> partially refunded -> refunded, each refund under its credit note (<see cref="Refund"/>, V5);</item>
/// <item>while unpaid, a payment the bank holds for the billing owner to confirm (<see cref="AwaitConfirmation"/>);</item>
/// <item>while unpaid, bank transfers received (<see cref="Receive"/>, I3), paid once they cover the total.</item>
/// </list>
/// A settled invoice (paid, void, refunded in part or in full, or a credit note, issued) never moves back, so a late or repeated report changes nothing.
/// </summary>
public sealed record Invoice
{
    private Invoice(
        InvoiceDraft content, InvoiceStatus status, DateTimeOffset? paidAt, string? heldPayment, Issuer? issuer, InvoiceNumber? number, string? payment = null,
        ImmutableArray<ReceivedPayment> received = default, ImmutableArray<InvoiceRefund> refunds = default)
    {
        Received = received.IsDefault ? [] : received;
        Refunds = refunds.IsDefault ? [] : refunds;
        Content = content;
        Status = status;
        PaidAt = paidAt;
        HeldPayment = heldPayment;
        Issuer = issuer;
        Number = number;
        Payment = payment;
    }

    public InvoiceDraft Content { get; }

    public InvoiceStatus Status { get; private init; }

    public DateTimeOffset? PaidAt { get; private init; }

    /// <summary>The provider's payment waiting for the billing owner to confirm it (strong customer authentication); the reference of nothing secret.</summary>
    public string? HeldPayment { get; private init; }

    /// <summary>The provider's id of the payment that paid it (a Stripe PaymentIntent, a PayPal capture), so a refund goes back through it (V5); null when paid otherwise.</summary>
    public string? Payment { get; private init; }

    /// <summary>The bank transfers recorded against it (I3), in the order sales recorded them.</summary>
    public ImmutableArray<ReceivedPayment> Received { get; private init; }

    /// <summary>The money given back on it (V5), each under its credit note, oldest first.</summary>
    public ImmutableArray<InvoiceRefund> Refunds { get; private init; }

    /// <summary>What was given back so far.</summary>
    public Money AmountRefunded => Refunds.Aggregate(Money.Zero(Total.Currency), (sum, r) => sum + r.Amount);

    /// <summary>What may still be given back: the total less what was refunded, on a paid invoice only.</summary>
    public Money Refundable => Status is InvoiceStatus.Paid or InvoiceStatus.PartiallyRefunded && !Total.IsNegative
        ? Total - AmountRefunded
        : Money.Zero(Total.Currency);

    /// <summary>What the recorded bank transfers add up to.</summary>
    public Money AmountReceived => Received.Aggregate(Money.Zero(Total.Currency), (sum, p) => sum + p.Amount);

    /// <summary>Who issued it, once numbered.</summary>
    public Issuer? Issuer { get; private init; }

    /// <summary>Its number from the issuer's one sequence (V1); null while the number is pending.</summary>
    public InvoiceNumber? Number { get; private init; }

    [MemberNotNullWhen(true, nameof(Number), nameof(Issuer))]
    public bool IsNumbered => Number is not null && Issuer is not null;

    /// <summary>The number of an invoice that must have one (its document, its email): asking it of an unnumbered invoice is a bug.</summary>
    public InvoiceNumber NumberOrThrow => Number ?? throw new InvalidOperationException($"Invoice {Id} is not numbered yet.");

    public InvoiceId Id => Content.Id;

    public SpaceId SpaceId => Content.SpaceId;

    public Money Subtotal => Content.Subtotal;

    public Money Tax => Content.Tax;

    public Money Total => Content.Total;

    /// <summary>What is still to be paid: the total less the transfers received until the invoice is settled, nothing after (nor on a total below zero).</summary>
    public Money AmountDue => IsSettled || Total.IsNegative ? Money.Zero(Total.Currency) : Total - AmountReceived;

    public bool IsSettled => Status is InvoiceStatus.Paid or InvoiceStatus.Void or InvoiceStatus.Refunded or InvoiceStatus.PartiallyRefunded or InvoiceStatus.Issued;

    /// <summary>
    /// I4: unpaid past its due date at <paramref name="now"/>. An invoice paid by bank transfer is overdue from its due
    /// date on (the day of its first reminder); one a provider collects is late only once its charge failed (R3).
    /// </summary>
    public bool IsOverdueAt(DateTimeOffset now) =>
        !IsSettled && (Status == InvoiceStatus.PastDue || (Content.PaymentMethod.IsInvoice && AmountDue.Amount > 0 && now >= Content.DueAt));

    /// <summary>How many whole days it has been overdue at <paramref name="now"/> (its age, I4); 0 while not overdue.</summary>
    public int DaysOverdueAt(DateTimeOffset now) => IsOverdueAt(now) && now > Content.DueAt ? (int)(now - Content.DueAt).TotalDays : 0;

    /// <summary>Its status as the reader sees it at <paramref name="now"/> (V2): <see cref="InvoiceStatus.PastDue"/> once overdue (I4), as stored otherwise.</summary>
    public InvoiceStatus StatusAt(DateTimeOffset now) => IsOverdueAt(now) ? InvoiceStatus.PastDue : Status;

    /// <summary>
    /// I4: whether sales waits for its money (a receivable): an invoice, not a credit note, with something still due,
    /// either awaiting a bank transfer or late after a failed charge. One a provider is collecting is not.
    /// </summary>
    public bool IsReceivable => !Content.IsCreditNote && !IsSettled && AmountDue.Amount > 0 && (Content.PaymentMethod.IsInvoice || Status == InvoiceStatus.PastDue);

    /// <summary>
    /// I4: whether it may have been receivable at some point of its life up to now, judged from where it stands. A card
    /// invoice still open never was (it becomes receivable only once past due, and stays past due until settled); a credit
    /// note never is; any other may have been.
    /// </summary>
    public bool MayHaveBeenReceivable => !Content.IsCreditNote && (Content.PaymentMethod.IsInvoice || Status != InvoiceStatus.Open);

    /// <summary>
    /// The invoice a decision issues, its number pending: open until paid, except that an invoice
    /// with nothing to pay is paid when issued (V2) (a zero total is never charged, see <c>InvoiceDrafts</c>),
    /// and a credit note is issued, which it stays: nobody pays it (V5).
    /// </summary>
    public static Invoice Issue(InvoiceDraft draft, DateTimeOffset at) =>
        draft.IsCreditNote ? new(draft, InvoiceStatus.Issued, null, null, null, null)
        : draft.Total.IsZero ? new(draft, InvoiceStatus.Paid, at, null, null, null)
        : new(draft, InvoiceStatus.Open, null, null, null, null);

    /// <summary>An invoice as storage kept it, at the point of its life it had reached; storage only.</summary>
    public static Invoice Restore(
        InvoiceDraft draft, InvoiceStatus status, DateTimeOffset? paidAt, string? heldPayment, Issuer? issuer, InvoiceNumber? number, string? payment = null,
        ImmutableArray<ReceivedPayment> received = default, ImmutableArray<InvoiceRefund> refunds = default) =>
        // A credit note stored before it had a status of its own was stored as paid.
        new(draft, draft.IsCreditNote && status == InvoiceStatus.Paid ? InvoiceStatus.Issued : status, paidAt, heldPayment, issuer, number, payment, received, refunds);

    /// <summary>The invoice with its number (V1). An invoice keeps its first number: numbering it again changes nothing.</summary>
    public Invoice NumberAs(Issuer issuer, InvoiceNumber number) => IsNumbered ? this : this with { Issuer = issuer, Number = number };

    /// <summary>
    /// The invoice paid at <paramref name="at"/>, by the provider's <paramref name="payment"/> where known.
    /// Paying a settled invoice changes nothing (a late or repeated confirmation).
    /// </summary>
    public Invoice MarkPaid(DateTimeOffset at, string? payment = null) =>
        IsSettled ? this : this with { Status = InvoiceStatus.Paid, PaidAt = at, HeldPayment = null, Payment = payment };

    /// <summary>
    /// A bank transfer received against the unpaid invoice (I3): kept with the others, and the invoice paid,
    /// as of the day the covering transfer was received, once they add up to its total. Whether it may be
    /// recorded (the invoice unsettled, the amount within what is due) is <c>BankTransfers</c>' decision.
    /// </summary>
    public Invoice Receive(ReceivedPayment payment)
    {
        if (IsSettled)
        {
            throw new InvalidOperationException($"Invoice {Id} is settled; nothing more is received against it.");
        }

        var received = this with { Received = Received.Add(payment) };
        return received.AmountReceived.Amount >= Total.Amount
            ? received with { Status = InvoiceStatus.Paid, PaidAt = payment.ReceivedAt, HeldPayment = null }
            : received;
    }

    /// <summary>The invoice late after a failed charge (R3); a settled invoice never moves back.</summary>
    public Invoice MarkPastDue() => IsSettled ? this : this with { Status = InvoiceStatus.PastDue };

    /// <summary>A charge of the unpaid invoice waits for the billing owner to confirm it with their bank; it stays open (or past due).</summary>
    public Invoice AwaitConfirmation(string payment) => IsSettled ? this : this with { HeldPayment = payment };

    /// <summary>Cancelled by sales (C3, V5); a paid or refunded invoice is not voided (its money is handled by a refund), nor a credit note.</summary>
    public Invoice MarkVoid() => Status is InvoiceStatus.Paid or InvoiceStatus.Refunded or InvoiceStatus.PartiallyRefunded or InvoiceStatus.Issued ? this : this with { Status = InvoiceStatus.Void, HeldPayment = null };

    /// <summary>
    /// Money given back on the paid invoice (V5): partially refunded, or refunded once the refunds reach its
    /// total. Whether it may be (paid, within what is refundable) is core's <c>Refunds</c>' decision; a credit
    /// note already recorded changes nothing.
    /// </summary>
    public Invoice Refund(InvoiceRefund refund)
    {
        if (Refunds.Any(r => r.CreditNote == refund.CreditNote))
        {
            return this;
        }

        if (refund.Amount.Amount > Refundable.Amount || refund.Amount.Amount <= 0)
        {
            throw new InvalidOperationException($"Invoice {Id}: {refund.Amount} is not refundable (what is: {Refundable}).");
        }

        var refunded = this with { Refunds = Refunds.Add(refund) };
        return refunded with { Status = refunded.AmountRefunded.Amount >= Total.Amount ? InvoiceStatus.Refunded : InvoiceStatus.PartiallyRefunded };
    }
}
