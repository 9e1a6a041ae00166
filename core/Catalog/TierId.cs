using Billing.Core.Common;

namespace Billing.Core.Catalog;

/// <summary>
/// The id of a tier as the API spells it (<c>starter</c>, <c>enterprise_legacy</c>, ...). Like the
/// other ids, <c>default(TierId)</c> is no id: reading its <see cref="Value"/> throws.
/// </summary>
public readonly record struct TierId
{
    private readonly string? _value;

    private TierId(string value) => _value = value;

    public string Value => _value ?? throw Identifier.Uninitialized(nameof(TierId));

    public static TierId Parse(string text) => new(Identifier.Require(text, "tier id"));

    public static bool TryParse(string? text, out TierId id)
    {
        id = Identifier.IsValid(text) ? new TierId(text!) : default;
        return id._value is not null;
    }

    public override string ToString() => Value;
}
