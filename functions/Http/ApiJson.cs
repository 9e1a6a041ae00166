using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Functions.Http;

/// <summary>The one JSON setup of the API: camelCase, nulls omitted, at most 16 levels deep.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
    };
}
