using System.ComponentModel.DataAnnotations;

namespace Billing.Infra.Storage;

/// <summary>Where storage is: a connection string (Azurite, keys), or in Azure an account reached with the managed identity.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public string? AccountName { get; set; }

    /// <summary>
    /// Prefixed to every table, container and queue name: lets several apps (or test servers) share
    /// one account without seeing each other's data. Empty in production.
    /// </summary>
    [RegularExpression("^([a-z][a-z0-9]{0,11})?$")]
    public string Prefix { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(AccountName))
        {
            yield return new ValidationResult("Set Storage__ConnectionString (UseDevelopmentStorage=true for Azurite) or Storage__AccountName.");
        }
    }
}
