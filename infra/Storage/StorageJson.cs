using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Billing.Core.Amounts;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Storage;

/// <summary>
/// How core's records are written to storage: camelCase JSON, enums by name, value types as their
/// text, the plan as a tagged union. Core stays free of serialization attributes; everything is
/// configured here.
/// </summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DescribeUnions } },
            // Every value a record is built from is written; one missing when read (an id, above all) is refused,
            // never read as its default (core's ids have no valid default).
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new TextConverter<SpaceId>(SpaceId.Parse, id => id.Value));
        options.Converters.Add(new TextConverter<UserId>(UserId.Parse, id => id.Value));
        options.Converters.Add(new TextConverter<SubscriptionId>(SubscriptionId.Parse, id => id.Value));
        options.Converters.Add(new TextConverter<InvoiceId>(InvoiceId.Parse, id => id.Value));
        options.Converters.Add(new TextConverter<TierId>(TierId.Parse, id => id.Value));
        options.Converters.Add(new TextConverter<Currency>(Currency.Parse, c => c.Code));
        options.Converters.Add(new TextConverter<Locale>(Locale.Parse, l => l.Tag));
        options.Converters.Add(new PaymentMethodConverter());
        options.Converters.Add(new MoneyConverter());
        options.Converters.Add(new NumberConverter<SeatCount>(n => SeatCount.Of(n), s => s.Value));
        options.Converters.Add(new NumberConverter<TaxRate>(n => new TaxRate(n), t => t.BasisPoints));
        options.MakeReadOnly();
        return options;
    }

    // The closed sets of core (the plan, the effects) are written with a discriminator.
    private static void DescribeUnions(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(SpacePlan))
        {
            typeInfo.PolymorphismOptions = Union("plan", (typeof(BasicPlan), "basic"), (typeof(TrialPlan), "trial"), (typeof(PaidPlan), "paid"));
        }
        else if (typeInfo.Type == typeof(Effect))
        {
            typeInfo.PolymorphismOptions = Union(
                "effect",
                (typeof(IssueInvoice), "issue_invoice"),
                (typeof(ChargeLater), "charge_later"),
                (typeof(SendEmail), "send_email"),
                (typeof(TakeOverPlan), "take_over_plan"),
                (typeof(RefundPayment), "refund_payment"));
        }
    }

    private static JsonPolymorphismOptions Union(string discriminator, params (Type Type, string Name)[] cases)
    {
        var union = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = discriminator };
        foreach (var (type, name) in cases)
        {
            union.DerivedTypes.Add(new JsonDerivedType(type, name));
        }

        return union;
    }

    /// <summary>A value type written as its text form (ids, currencies, locales).</summary>
    private sealed class TextConverter<T>(Func<string, T> parse, Func<T, string> format) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            parse(reader.GetString() ?? throw new JsonException($"A {typeof(T).Name} cannot be null."));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));
    }

    /// <summary>A value type written as its number (seat counts, tax rates): structs are otherwise read through their empty constructor.</summary>
    private sealed class NumberConverter<T>(Func<int, T> create, Func<T, int> value) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => create(reader.GetInt32());

        public override void Write(Utf8JsonWriter writer, T value1, JsonSerializerOptions options) => writer.WriteNumberValue(value(value1));
    }

    /// <summary>Money as <c>{ "amount": 1099, "currency": "USD" }</c>, built back through <see cref="Money.Of"/> (its constructor is core's own).</summary>
    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var shape = JsonSerializer.Deserialize<Shape>(ref reader, options) ?? throw new JsonException("An amount of money cannot be null.");
            return Money.Of(shape.Amount, shape.Currency);
        }

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Shape(value.Amount, value.Currency), options);

        private sealed record Shape(long Amount, Currency Currency);
    }

    /// <summary>A payment method is its provider, token and summary; its factories check them again on the way back.</summary>
    private sealed class PaymentMethodConverter : JsonConverter<PaymentMethod>
    {
        public override PaymentMethod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var shape = JsonSerializer.Deserialize<Shape>(ref reader, options) ?? throw new JsonException("A payment method cannot be null.");
            return shape.Provider == PaymentProvider.Invoice
                ? PaymentMethod.ByInvoice
                : PaymentMethod.Saved(shape.Provider, shape.Token ?? throw new JsonException("A saved payment method has a token."), shape.Summary);
        }

        public override void Write(Utf8JsonWriter writer, PaymentMethod value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Shape(value.Provider, value.Token, value.Summary), options);

        private sealed record Shape(PaymentProvider Provider, string? Token, PaymentMethodSummary Summary);
    }
}
