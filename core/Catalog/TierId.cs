using Billing.Core.Common;

namespace Billing.Core.Catalog;

/// <summary>The id of a tier as the API spells it (<c>starter</c>, <c>enterprise_legacy</c>, ...).</summary>
public readonly record struct TierId
{
    private TierId(string value) => Value = value;

    public string Value { get; }

    public static TierId Parse(string text) => new(Identifier.Require(text, "tier id"));

    public static bool TryParse(string? text, out TierId id)
    {
        id = Identifier.IsValid(text) ? new TierId(text!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
