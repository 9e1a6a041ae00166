namespace Billing.Core.Common;

/// <summary>The id of a space, checked once where it is built (see <see cref="Identifier"/>).</summary>
public readonly record struct SpaceId
{
    private SpaceId(string value) => Value = value;

    public string Value { get; }

    /// <summary>Builds the id; throws <see cref="ArgumentException"/> when the text is not a valid identifier.</summary>
    public static SpaceId Parse(string text) => new(Identifier.Require(text, "space id"));

    public static bool TryParse(string? text, out SpaceId id)
    {
        id = Identifier.IsValid(text) ? new SpaceId(text!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
