namespace Billing.Core.Common;

/// <summary>
/// The id of a space, checked once where it is built (see <see cref="Identifier"/>). Only
/// <see cref="Parse"/> and <see cref="TryParse"/> build one; <c>default(SpaceId)</c> is no id, and
/// reading its <see cref="Value"/> throws rather than let an empty id reach storage or the API.
/// </summary>
public readonly record struct SpaceId
{
    private readonly string? _value;

    private SpaceId(string value) => _value = value;

    public string Value => _value ?? throw Identifier.Uninitialized(nameof(SpaceId));

    /// <summary>Builds the id; throws <see cref="ArgumentException"/> when the text is not a valid identifier.</summary>
    public static SpaceId Parse(string text) => new(Identifier.Require(text, "space id"));

    public static bool TryParse(string? text, out SpaceId id)
    {
        id = Identifier.IsValid(text) ? new SpaceId(text!) : default;
        return id._value is not null;
    }

    public override string ToString() => Value;
}
