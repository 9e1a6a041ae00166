using System.ComponentModel.DataAnnotations;

namespace Billing.Infra.Storage;

/// <summary>Where storage is: a connection string (Azurite, keys), or in Azure an account reached with the managed identity.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public string? AccountName { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(AccountName))
        {
            yield return new ValidationResult("Set Storage__ConnectionString (UseDevelopmentStorage=true for Azurite) or Storage__AccountName.");
        }
    }
}
