using System.Text.Json;
using Billing.Functions.Tests.Support;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// The served OpenAPI document is the source of truth for bodies (API.md): every write operation lists
/// the problem answers it gives, each as application/problem+json, described by its stable codes.
/// </summary>
public class OpenApiTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private const string ProblemJson = "application/problem+json";

    // The problem statuses API.md gives each write (S3 directory, B1 owner, U/C plan, P1 payment, operations, P3 webhooks).
    private static readonly int[] Directory = [400, 401, 403, 404, 409, 422, 503];
    private static readonly int[] SpaceWrite = [400, 401, 402, 403, 404, 409, 422, 503];

    private static readonly Dictionary<string, int[]> ProblemsOf = new()
    {
        ["PutSpace"] = Directory,
        ["PutMember"] = Directory,
        ["RemoveMember"] = Directory,
        ["PreviewSubscription"] = SpaceWrite,
        ["Upgrade"] = SpaceWrite,
        ["ChangeSubscription"] = SpaceWrite,
        ["CancelSubscription"] = SpaceWrite,
        ["ResumeSubscription"] = SpaceWrite,
        ["StartTrial"] = SpaceWrite,
        ["CancelTrial"] = SpaceWrite,
        ["TransferBillingOwner"] = SpaceWrite,
        ["UpdateBillingInfo"] = SpaceWrite,
        ["StartPaymentMethodSetup"] = SpaceWrite,
        ["SwitchPaymentMethod"] = SpaceWrite,
        ["RecordPayment"] = [400, 401, 403, 404, 409, 422, 503],
        ["VoidInvoice"] = [400, 401, 403, 404, 409, 422, 503],
        ["RefundInvoice"] = [400, 401, 403, 404, 409, 422, 503],
        ["SetClock"] = [400, 401, 403, 404, 503],
        ["RunRenewals"] = [401, 403, 503],
        ["StripeWebhook"] = [400, 404, 503],
        ["PayPalWebhook"] = [400, 404, 503],
    };

    // A write added later is held at least to what every authenticated write on a space answers.
    private static readonly int[] AnyWrite = [400, 401, 404];

    [Fact]
    public async Task Every_write_operation_lists_its_problem_answers_as_problem_json()
    {
        using var document = JsonDocument.Parse(await server.Anonymous.GetStringAsync("/api/openapi.json"));
        var writes = 0;
        var missing = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put" or "patch" or "delete"))
            {
                writes++;
                var id = operation.Value.TryGetProperty("operationId", out var named) ? named.GetString()! : $"{operation.Name} {path.Name}";
                var responses = operation.Value.GetProperty("responses");
                foreach (var status in ProblemsOf.GetValueOrDefault(id, AnyWrite))
                {
                    if (!responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                        || !response.TryGetProperty("content", out var content)
                        || !content.TryGetProperty(ProblemJson, out _))
                    {
                        missing.Add($"{id} ({operation.Name.ToUpperInvariant()} {path.Name}): {status}");
                    }
                }
            }
        }

        Assert.True(writes >= ProblemsOf.Count, $"only {writes} write operations in the document");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task A_problem_answer_is_described_by_the_codes_that_answer_with_its_status()
    {
        using var document = JsonDocument.Parse(await server.Anonymous.GetStringAsync("/api/openapi.json"));
        var upgrade = document.RootElement.GetProperty("paths").GetProperty("/api/spaces/{spaceId}/subscription").GetProperty("post").GetProperty("responses");

        Assert.Contains("teams_already_paid", upgrade.GetProperty("409").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("idempotency_key_reused", upgrade.GetProperty("422").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(upgrade.GetProperty("201").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Theory]
    [Trait("Rule", "S4")]
    [InlineData("/api/spaces/{spaceId}", "put", "divisionId")]
    [InlineData("/api/spaces/{spaceId}/subscription", "post", "takeOverTeamPlans")]
    [InlineData("/api/spaces/{spaceId}/subscription/cancel", "post", "at")]
    [InlineData("/api/spaces/{spaceId}/subscription/cancel", "post", "refund")]
    public async Task The_request_body_of_a_write_names_the_fields_it_reads(string path, string method, string field)
    {
        using var document = JsonDocument.Parse(await server.Anonymous.GetStringAsync("/api/openapi.json"));
        var schema = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        // An optional body is "null or the body's schema".
        var reference = schema.TryGetProperty("oneOf", out var choices)
            ? choices.EnumerateArray().Single(c => c.TryGetProperty("$ref", out _)).GetProperty("$ref")
            : schema.GetProperty("$ref");
        schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);

        Assert.True(schema.GetProperty("properties").TryGetProperty(field, out _), $"{method.ToUpperInvariant()} {path} does not name {field}: {schema}");
    }

    [Theory]
    [Trait("Rule", "V5")]
    [InlineData("void", "invoice_not_open")]
    [InlineData("refunds", "invoice_not_paid")]
    public async Task Voiding_and_refunding_an_invoice_are_documented_with_the_credit_note_they_answer_and_their_codes(string action, string conflict)
    {
        using var document = JsonDocument.Parse(await server.Anonymous.GetStringAsync("/api/openapi.json"));
        var responses = document.RootElement.GetProperty("paths").GetProperty($"/api/spaces/{{spaceId}}/invoices/{{invoiceId}}/{action}").GetProperty("post").GetProperty("responses");

        Assert.True(responses.GetProperty("201").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Contains(conflict, responses.GetProperty("409").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("refund_exceeds_paid", responses.GetProperty("422").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
