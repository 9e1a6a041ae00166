namespace Billing.Core.Common;

/// <summary>
/// The id of a subscription, checked once where it is built (see <see cref="Identifier"/>). Only
/// <see cref="Parse"/> and <see cref="TryParse"/> build one; <c>default(SubscriptionId)</c> is no id, and
/// reading its <see cref="Value"/> throws rather than let an empty id reach storage or the API.
/// </summary>
public readonly record struct SubscriptionId
{
    private readonly string? _value;

    private SubscriptionId(string value) => _value = value;

    public string Value => _value ?? throw Identifier.Uninitialized(nameof(SubscriptionId));

    /// <summary>Builds the id; throws <see cref="ArgumentException"/> when the text is not a valid identifier.</summary>
    public static SubscriptionId Parse(string text) => new(Identifier.Require(text, "subscription id"));

    public static bool TryParse(string? text, out SubscriptionId id)
    {
        id = Identifier.IsValid(text) ? new SubscriptionId(text!) : default;
        return id._value is not null;
    }

    public override string ToString() => Value;
}
