namespace Billing.Infra.Configuration;

/// <summary><c>Payments__Sandbox</c>: the offline provider of local runs and tests; refused in Production.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    public bool Sandbox { get; set; }
}
