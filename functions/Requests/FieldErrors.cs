using System.Diagnostics.CodeAnalysis;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Functions.Requests;

/// <summary>
/// Collects what is wrong with a request, field by field, while reading it into domain values; the
/// answer is one 400 <c>invalid_request</c> listing every field (API.md).
/// </summary>
public sealed class FieldErrors
{
    private const int MaxTextLength = 200;
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>False, with the error recorded, when the request carries no JSON object.</summary>
    public bool HasBody([NotNullWhen(true)] object? body)
    {
        if (body is null)
        {
            Add("body", "A JSON object is required.");
        }

        return body is not null;
    }

    /// <summary>The value <paramref name="value"/> names, or null with the names it may take recorded.</summary>
    public T? OneOf<T>(string field, string? value, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        if (value is not null && names.TryGetValue(value, out var named))
        {
            return named;
        }

        var choices = names.Keys.ToArray();
        Add(field, $"{string.Join(", ", choices[..^1])} or {choices[^1]}.");
        return null;
    }

    public string Text(string field, string? value, bool required = true, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "Required.");
            }

            return string.Empty;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        if (value.Any(IsUnprintable))
        {
            Add(field, "One line of printable text: no control characters, line breaks or direction overrides.");
        }

        return value.Trim();
    }

    // Control characters (NUL, escape, line breaks) and the bidirectional overrides that make a name read backwards.
    private static bool IsUnprintable(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public string? OptionalText(string field, string? value, int maxLength = MaxTextLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(field, value, required: true, maxLength);

    public string Email(string field, string? value)
    {
        var email = Text(field, value, maxLength: 254);
        if (email.Length > 0 && (email.IndexOf('@', StringComparison.Ordinal) is var at && (at < 1 || at == email.Length - 1) || email.Any(char.IsWhiteSpace)))
        {
            Add(field, "Not an email address.");
        }

        return email;
    }

    public UserId User(string field, string? value) =>
        Parsed<UserId>(field, value, UserId.TryParse, "An id of 1 to 64 characters from [A-Za-z0-9_-].");

    public TierId Tier(string field, string? value) =>
        Parsed<TierId>(field, value, TierId.TryParse, "A tier id, e.g. starter, advanced, enterprise, enterprise_plus.");

    public BillingCycle Cycle(string field, string? value) =>
        Parsed<BillingCycle>(field, value, BillingCycleFacts.TryParseApiName, "monthly or annual.");

    public SeatCount Seats(string field, int? value)
    {
        if (value is >= 1)
        {
            return SeatCount.Of(value.Value);
        }

        Add(field, "A whole number of seats, at least 1.");
        return default;
    }

    public Locale? Locale(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Billing.Core.Common.Locale.TryParse(value, out var locale))
        {
            return locale;
        }

        Add(field, "A BCP 47 language tag, e.g. en-US, fr, zh-TW.");
        return null;
    }

    public string Country(string field, string? value)
    {
        if (CountryCodes.IsAssigned(value))
        {
            return value!;
        }

        Add(field, "An ISO 3166-1 alpha-2 country code in upper case, e.g. NL.");
        return "US";
    }

    public PaymentProvider Provider(string field, string? value) =>
        Parsed<PaymentProvider>(field, value, PaymentProviderNames.TryParseApiName, "stripe, paypal, sandbox or invoice.");

    private delegate bool TryParse<T>(string? text, out T value);

    // The value parsed, or the default with the field's message recorded.
    private T Parsed<T>(string field, string? value, TryParse<T> tryParse, string message)
        where T : struct
    {
        if (tryParse(value, out var parsed))
        {
            return parsed;
        }

        Add(field, message);
        return default;
    }
}
