using System.Collections.Frozen;
using Billing.Core.Effects;

namespace Billing.Infra.Email;

/// <summary>
/// The words of billing emails in one language (V4). Placeholders: {space}, {number}, {total}, {seats}, {date}, {name}, {link}, {action};
/// for a credit note, {credited} (the credited invoice's number), {amount} (what a refund gives back) and {refundedTo}.
/// </summary>
public sealed record EmailLanguage(string Greeting, string InvoicesOnline, string SignOff, EmailHtmlWords Html, RefundDestinations RefundedTo, FrozenDictionary<EmailKind, EmailText> Texts);

/// <summary>Where a refund goes back to (V5), by the credited payment's method: a card ({brand}, {last4}), a PayPal account, a bank account.</summary>
public sealed record RefundDestinations(string Card, string PayPal, string BankAccount);

/// <summary>
/// The words only the HTML part has: the button's label (to the invoice, to the billing tab, or to
/// confirm a payment), the amount due of the totals table, the link for mail clients that drop the
/// button, and why the recipient gets the email.
/// </summary>
public sealed record EmailHtmlWords(string ViewInvoice, string ViewCreditNote, string OpenBilling, string ConfirmPayment, string AmountDue, string ButtonFallback, string Reason);

/// <summary>The subject and the opening paragraph of one kind of email.</summary>
public sealed record EmailText(string Subject, string Body);
