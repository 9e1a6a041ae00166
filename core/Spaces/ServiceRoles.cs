namespace Billing.Core.Spaces;

/// <summary>Service roles a token may grant (API.md): they act on spaces without being members.</summary>
[Flags]
public enum ServiceRoles
{
    None = 0,

    /// <summary><c>billing.directory</c>: the product's backend, keeping spaces and members in sync.</summary>
    Directory = 1,

    /// <summary><c>billing.sales</c>: payment by invoice and changes to plans paid by invoice (I1, I2).</summary>
    Sales = 2,

    /// <summary><c>billing.operator</c>: renewal runs and the test clock.</summary>
    Operator = 4,
}
