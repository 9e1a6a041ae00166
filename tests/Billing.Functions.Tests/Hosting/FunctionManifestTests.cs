using System.Text.Json.Nodes;
using Billing.Functions.Hosting;
using Billing.Functions.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Hosting;

public class FunctionManifestTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    // Every route and method of API.md (and HEAD on health for monitors that probe with it), declared whole:
    // host.json sets no route prefix, so the web pages live beside /api.
    private static readonly string[] Contract =
    [
        "GET api/health", "HEAD api/health", "GET api/openapi.json", "GET api/plans", "PUT api/spaces/{spaceId}", "PUT api/spaces/{spaceId}/members/{userId}", "DELETE api/spaces/{spaceId}/members/{userId}",
        "GET api/spaces/{spaceId}/billing", "POST api/spaces/{spaceId}/subscription/preview", "POST api/spaces/{spaceId}/subscription", "PATCH api/spaces/{spaceId}/subscription",
        "POST api/spaces/{spaceId}/subscription/cancel", "POST api/spaces/{spaceId}/subscription/resume", "POST api/spaces/{spaceId}/trial", "DELETE api/spaces/{spaceId}/trial",
        "PUT api/spaces/{spaceId}/billing-owner", "GET api/spaces/{spaceId}/billing-info", "PUT api/spaces/{spaceId}/billing-info", "POST api/spaces/{spaceId}/payment-method/setup", "PUT api/spaces/{spaceId}/payment-method",
        "PUT api/spaces/{spaceId}/tax-exemption",
        "GET api/spaces/{spaceId}/invoices", "GET api/spaces/{spaceId}/invoices/{invoiceId}", "GET api/spaces/{spaceId}/invoices/{invoiceId}/pdf", "GET api/spaces/{spaceId}/audit",
        "POST api/spaces/{spaceId}/invoices/{invoiceId}/payments", "POST api/spaces/{spaceId}/invoices/{invoiceId}/void", "POST api/spaces/{spaceId}/invoices/{invoiceId}/refunds",
        "GET api/receivables",
        "POST api/webhooks/stripe", "POST api/webhooks/paypal", "POST api/operations/renewal-run", "PUT api/operations/clock",
        "GET billing/{spaceId}", "GET billing/{spaceId}/invoices", "GET billing/{spaceId}/invoices/{invoiceId}", "GET billing/{spaceId}/invoices/{invoiceId}/confirm",
        "GET billing/assets/{file}",
        "GET billing/sales",
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
                    Assert.Matches("^(api|billing)/", (string)trigger["route"]!);
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
