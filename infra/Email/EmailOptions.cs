using System.ComponentModel.DataAnnotations;

namespace Billing.Infra.Email;

/// <summary>Outgoing email (<c>Email__*</c>) and the base of the links in it (<c>Billing__PublicBaseUrl</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    [Required]
    public string SmtpHost { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 1025;

    [Required]
    [EmailAddress]
    public string From { get; set; } = "billing@collab.example";

    public string? Username { get; set; }

    public string? Password { get; set; }
}
