namespace Billing.Core.Common;

/// <summary>The id of a user, checked once where it is built (see <see cref="Identifier"/>).</summary>
public readonly record struct UserId
{
    private UserId(string value) => Value = value;

    public string Value { get; }

    /// <summary>Builds the id; throws <see cref="ArgumentException"/> when the text is not a valid identifier.</summary>
    public static UserId Parse(string text) => new(Identifier.Require(text, "user id"));

    public static bool TryParse(string? text, out UserId id)
    {
        id = Identifier.IsValid(text) ? new UserId(text!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
