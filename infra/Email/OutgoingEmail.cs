using MimeKit;

namespace Billing.Infra.Email;

/// <summary>An email composed and ready for <see cref="SmtpMailer"/>: callers above infra pass it on without knowing its MIME form.</summary>
public sealed record OutgoingEmail(MimeMessage Message);
