namespace Billing.Core.Common;

/// <summary>The id of a subscription, checked once where it is built (see <see cref="Identifier"/>).</summary>
public readonly record struct SubscriptionId
{
    private SubscriptionId(string value) => Value = value;

    public string Value { get; }

    /// <summary>Builds the id; throws <see cref="ArgumentException"/> when the text is not a valid identifier.</summary>
    public static SubscriptionId Parse(string text) => new(Identifier.Require(text, "subscription id"));

    public static bool TryParse(string? text, out SubscriptionId id)
    {
        id = Identifier.IsValid(text) ? new SubscriptionId(text!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
