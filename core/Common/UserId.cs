namespace Billing.Core.Common;

/// <summary>
/// The id of an user, checked once where it is built (see <see cref="Identifier"/>). Only
/// <see cref="Parse"/> and <see cref="TryParse"/> build one; <c>default(UserId)</c> is no id, and
/// reading its <see cref="Value"/> throws rather than let an empty id reach storage or the API.
/// </summary>
public readonly record struct UserId
{
    private readonly string? _value;

    private UserId(string value) => _value = value;

    public string Value => _value ?? throw Identifier.Uninitialized(nameof(UserId));

    /// <summary>Builds the id; throws <see cref="ArgumentException"/> when the text is not a valid identifier.</summary>
    public static UserId Parse(string text) => new(Identifier.Require(text, "user id"));

    public static bool TryParse(string? text, out UserId id)
    {
        id = Identifier.IsValid(text) ? new UserId(text!) : default;
        return id._value is not null;
    }

    public override string ToString() => Value;
}
