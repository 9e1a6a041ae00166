using System.Collections.Frozen;
using Billing.Core.Effects;

namespace Billing.Infra.Email;

/// <summary>The words of billing emails in one language (V4). Placeholders: {space}, {number}, {total}, {seats}, {date}, {name}, {link}, {action}.</summary>
public sealed record EmailLanguage(string Greeting, string InvoicesOnline, string SignOff, EmailHtmlWords Html, FrozenDictionary<EmailKind, EmailText> Texts);

/// <summary>
/// The words only the HTML part has: the button's label (to the invoice, to the billing tab, or to
/// confirm a payment), the amount due of the totals table, the link for mail clients that drop the
/// button, and why the recipient gets the email.
/// </summary>
public sealed record EmailHtmlWords(string ViewInvoice, string OpenBilling, string ConfirmPayment, string AmountDue, string ButtonFallback, string Reason);

/// <summary>The subject and the opening paragraph of one kind of email.</summary>
public sealed record EmailText(string Subject, string Body);
