using System.Text.Json;

namespace Billing.Infra.Payments.Webhooks;

/// <summary>Reads a value at a path of property names in a provider's JSON, or null when any step is missing or of another kind.</summary>
internal static class JsonPath
{
    public static string? Text(JsonElement element, params string[] path) =>
        Walk(element, path) is { ValueKind: JsonValueKind.String } found ? found.GetString() : null;

    public static int? Number(JsonElement element, params string[] path) =>
        Walk(element, path) is { ValueKind: JsonValueKind.Number } found && found.TryGetInt32(out var value) ? value : null;

    private static JsonElement? Walk(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }
}
