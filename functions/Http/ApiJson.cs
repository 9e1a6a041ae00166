using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Functions.Http;

/// <summary>
/// The one JSON setup of the API: camelCase, nulls omitted, at most 16 levels deep, and read strictly:
/// a number is a JSON number (never a string holding one), and a key appears once in its object.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
    };
}
