using Billing.Core.Common;

namespace Billing.Core.Effects;

/// <summary>Email the billing owner (B4) in their language (V4), about an invoice where there is one.</summary>
public sealed record SendEmail(EmailKind Kind, UserId Recipient, string Address, Locale Locale, InvoiceId? Invoice) : Effect;
