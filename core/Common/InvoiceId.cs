namespace Billing.Core.Common;

/// <summary>The id of a invoice, checked once where it is built (see <see cref="Identifier"/>).</summary>
public readonly record struct InvoiceId
{
    private InvoiceId(string value) => Value = value;

    public string Value { get; }

    /// <summary>Builds the id; throws <see cref="ArgumentException"/> when the text is not a valid identifier.</summary>
    public static InvoiceId Parse(string text) => new(Identifier.Require(text, "invoice id"));

    public static bool TryParse(string? text, out InvoiceId id)
    {
        id = Identifier.IsValid(text) ? new InvoiceId(text!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
