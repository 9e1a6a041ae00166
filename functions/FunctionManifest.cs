using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Functions.RenewalRun;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Billing.Functions;

/// <summary>
/// Writes the <c>function.json</c> of every function from the endpoint table (the one source): one
/// HTTP function per route template under <c>/api</c> and <c>/billing</c> (the web pages), with every
/// method mapped on it, plus the timer and queue functions of the renewal run. host.json sets no route
/// prefix, so each route is declared whole (<c>api/spaces/{spaceId}/billing</c>, <c>billing/{spaceId}</c>);
/// the host forwards the request with its path unchanged (<c>enableForwardingHttpRequest</c>).
/// </summary>
public static class FunctionManifest
{
    public const string EmitFlag = "--emit-functions";

    private static readonly string[] RoutePrefixes = ["/api/", "/billing/"];

    /// <summary>The functions, by name, with their function.json.</summary>
    public static SortedDictionary<string, JsonObject> Describe(EndpointDataSource endpoints, string renewalSchedule)
    {
        var functions = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var byTemplate = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => RoutePrefixes.Any(p => e.RoutePattern.RawText?.StartsWith(p, StringComparison.Ordinal) == true) && e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .GroupBy(e => e.RoutePattern.RawText!.TrimEnd('/'), StringComparer.Ordinal); // a group's own route ("") ends in its prefix's slash
        foreach (var route in byTemplate)
        {
            var methods = route.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
            var name = route.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).Order(StringComparer.Ordinal).First();
            functions.Add(name, new JsonObject
            {
                ["bindings"] = new JsonArray(
                    new JsonObject
                    {
                        ["authLevel"] = "anonymous", // the app authenticates every call itself (API.md)
                        ["type"] = "httpTrigger",
                        ["direction"] = "in",
                        ["name"] = "req",
                        ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode)m.ToLowerInvariant())]),
                        ["route"] = route.Key[1..],
                    },
                    new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
            });
        }

        functions.Add(RenewalEndpoints.TimerFunction, new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["name"] = "timer",
                ["schedule"] = renewalSchedule,
                ["useMonitor"] = true,
                ["runOnStartup"] = false,
            }),
        });
        functions.Add(RenewalEndpoints.QueueFunction, new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "queueTrigger",
                ["direction"] = "in",
                ["name"] = "batch",
                ["queueName"] = RenewalBatches.Name,
                ["connection"] = "AzureWebJobsStorage",
            }),
        });
        return functions;
    }

    /// <summary>Writes <c>{directory}/{FunctionName}/function.json</c> for every function.</summary>
    public static void Emit(EndpointDataSource endpoints, string renewalSchedule, string directory)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        foreach (var (name, function) in Describe(endpoints, renewalSchedule))
        {
            var folder = Path.Combine(directory, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), function.ToJsonString(options) + "\n");
        }
    }
}
