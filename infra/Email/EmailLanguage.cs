using System.Collections.Frozen;
using Billing.Core.Effects;

namespace Billing.Infra.Email;

/// <summary>The words of billing emails in one language (V4). Placeholders: {space}, {number}, {total}, {seats}, {date}, {name}, {link}.</summary>
public sealed record EmailLanguage(string Greeting, string InvoicesOnline, string SignOff, FrozenDictionary<EmailKind, EmailText> Texts);

/// <summary>The subject and the opening paragraph of one kind of email.</summary>
public sealed record EmailText(string Subject, string Body);
