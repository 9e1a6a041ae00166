using System.Text.Json.Nodes;
using Billing.Functions.Hosting;
using Billing.Functions.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Hosting;

public class FunctionManifestTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    // Every route and method of API.md, and HEAD on health for monitors that probe with it.
    private static readonly string[] Contract =
    [
        "GET health", "HEAD health", "GET openapi.json", "GET plans", "PUT spaces/{spaceId}", "PUT spaces/{spaceId}/members/{userId}", "DELETE spaces/{spaceId}/members/{userId}",
        "GET spaces/{spaceId}/billing", "POST spaces/{spaceId}/subscription/preview", "POST spaces/{spaceId}/subscription", "PATCH spaces/{spaceId}/subscription",
        "POST spaces/{spaceId}/subscription/cancel", "POST spaces/{spaceId}/subscription/resume", "POST spaces/{spaceId}/trial", "DELETE spaces/{spaceId}/trial",
        "PUT spaces/{spaceId}/billing-owner", "GET spaces/{spaceId}/billing-info", "PUT spaces/{spaceId}/billing-info", "POST spaces/{spaceId}/payment-method/setup", "PUT spaces/{spaceId}/payment-method",
        "GET spaces/{spaceId}/invoices", "GET spaces/{spaceId}/invoices/{invoiceId}", "GET spaces/{spaceId}/invoices/{invoiceId}/pdf", "GET spaces/{spaceId}/audit",
        "POST webhooks/stripe", "POST webhooks/paypal", "POST operations/renewal-run", "PUT operations/clock",
    ];

    private SortedDictionary<string, JsonObject> Functions =>
        FunctionManifest.Describe(server.Services.GetRequiredService<EndpointDataSource>(), "0 */5 * * * *");

    [Fact]
    public void Every_route_and_method_of_the_contract_is_declared_exactly_once()
    {
        var declared = Functions.Values
            .SelectMany(f => f["bindings"]!.AsArray().OfType<JsonObject>())
            .Where(b => (string?)b["type"] == "httpTrigger")
            .SelectMany(b => b["methods"]!.AsArray().Select(m => $"{((string)m!).ToUpperInvariant()} {(string)b["route"]!}"))
            .ToList();
        Assert.Equal(declared.Count, declared.Distinct().Count());
        Assert.Equal(Contract.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_json_is_valid_for_its_trigger()
    {
        foreach (var (name, function) in Functions)
        {
            var bindings = function["bindings"]!.AsArray().OfType<JsonObject>().ToList();
            var trigger = Assert.Single(bindings, b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Equal("in", (string?)trigger["direction"]);
            Assert.False(string.IsNullOrEmpty((string?)trigger["name"]), name);
            switch ((string)trigger["type"]!)
            {
                case "httpTrigger":
                    Assert.Equal("anonymous", (string?)trigger["authLevel"]);
                    Assert.DoesNotContain("api/", (string)trigger["route"]!, StringComparison.Ordinal);
                    Assert.Contains(bindings, b => (string?)b["type"] == "http" && (string?)b["direction"] == "out");
                    break;
                case "timerTrigger":
                    Assert.Equal(6, ((string)trigger["schedule"]!).Split(' ').Length); // NCRONTAB with seconds
                    Assert.True((bool)trigger["useMonitor"]!);
                    break;
                case "queueTrigger":
                    Assert.Equal("renewal-batches", (string?)trigger["queueName"]);
                    break;
                default:
                    Assert.Fail($"{name} has an unknown trigger.");
                    break;
            }
        }

        Assert.Contains("RenewalRun", Functions.Keys);
        Assert.Contains("RenewalBatch", Functions.Keys);
    }

    [Fact]
    public void The_emitted_package_has_one_folder_per_function()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            FunctionManifest.Emit(server.Services.GetRequiredService<EndpointDataSource>(), "0 */5 * * * *", folder.FullName);
            var emitted = folder.GetDirectories().Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Functions.Keys, emitted);
            Assert.All(folder.GetDirectories(), d => JsonNode.Parse(File.ReadAllText(Path.Combine(d.FullName, "function.json"))));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
