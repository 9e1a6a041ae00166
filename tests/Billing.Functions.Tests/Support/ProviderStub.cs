using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests.Support;

/// <summary>
/// Stripe and PayPal as the app's real clients (Stripe.net, HttpClient) meet them: a Kestrel server on
/// loopback answering the routes the app calls, with Stripe's own example objects from
/// <c>Fixtures/stripe-fixtures3.json</c> as bodies, idempotency replay by key (Stripe's
/// Idempotency-Key, PayPal's PayPal-Request-Id), and cards or accounts that succeed, decline, need the
/// customer, or answer slowly or with a transient 503 once. It also serves the test certificate that
/// PayPal events are signed with.
/// </summary>
public sealed class ProviderStub : IAsyncDisposable
{
    public const string StripeCard = "pm_card_visa";
    public const string StripeDeclined = "pm_card_chargeDeclined";
    public const string StripeNeedsAuthentication = "pm_card_authenticationRequired";
    public const string StripeSlow = "pm_card_slow";
    public const string PayPalAccount = "pp_token_ok";
    public const string PayPalDeclined = "pp_token_declined";
    public const string PayPalFlaky = "pp_token_flaky";
    public const string PayPalClientId = "client-id";
    public const string PayPalClientSecret = "client-secret";

    private static readonly JsonObject Fixtures = (JsonObject)JsonNode.Parse(File.ReadAllText(FixturesPath()))!["resources"]!;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _replays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _intents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _setupIntents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _paypalTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _paypalOrders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _flakyFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requestsByKey = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _serial = new(1, 1);
    private int _sequence;
    private StubRate _stripeRate = new(int.MaxValue);
    private StubRate _payPalRate = new(int.MaxValue);

    public ProviderStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (http, next) =>
        {
            // Stripe.net sends its API version on every call; PayPal's client does not. Each provider limits its own calls.
            var rate = http.Request.Headers.ContainsKey("Stripe-Version") ? _stripeRate : _payPalRate;
            if (!http.Request.Path.StartsWithSegments("/certs") && !rate.Admit(DateTimeOffset.UtcNow, $"{http.Request.Method} {http.Request.Path}"))
            {
                await TooManyRequestsAsync(http, rate == _stripeRate);
                return;
            }

            await next(http);
        });
        _app.Use(async (http, next) =>
        {
            // Every request under an idempotency key is counted, answered from the replay or not, so tests see retries.
            var key = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } stripeKey ? stripeKey : http.Request.Headers["PayPal-Request-Id"].ToString();
            if (key.Length > 0)
            {
                _requestsByKey.AddOrUpdate(key, 1, (_, n) => n + 1);
            }

            await next(http);
        });
        MapStripe(_app);
        MapPayPal(_app);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=messageverificationcerts.paypal.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        CertificatePem = certificate.ExportCertificatePem();
        PayPalSigningKey = RSA.Create();
        PayPalSigningKey.ImportParameters(key.ExportParameters(true));
    }

    public Uri BaseAddress { get; }

    public string CertificatePem { get; }

    public RSA PayPalSigningKey { get; }

    public Uri CertificateUrl => new(BaseAddress, "certs/paypal.pem");

    /// <summary>Every PaymentIntent created (one per idempotency key, as Stripe keeps them).</summary>
    public IReadOnlyCollection<JsonObject> StripeIntents => [.. _intents.Values];

    /// <summary>
    /// From now on, answer more than <paramref name="perSecond"/> requests in a wall-clock second with a 429, as Stripe
    /// (<c>rate_limit</c>) and PayPal (<c>RATE_LIMIT_REACHED</c>) do; what it saw is counted afresh.
    /// </summary>
    public void ThrottleAt(int perSecond) => (_stripeRate, _payPalRate) = (new StubRate(perSecond), new StubRate(perSecond));

    /// <summary>The most requests one provider received in a wall-clock second since <see cref="ThrottleAt"/>, those it refused included.</summary>
    public int PeakRequestsPerSecond => Math.Max(_stripeRate.Peak, _payPalRate.Peak);

    /// <summary>How many requests were answered 429 since <see cref="ThrottleAt"/>.</summary>
    public int Throttled => _stripeRate.Refused + _payPalRate.Refused;

    /// <summary>Each request since <see cref="ThrottleAt"/> with the time it arrived, Stripe's then PayPal's (for a failing assertion's message).</summary>
    public string RateLog => $"Stripe:\n{_stripeRate}\nPayPal:\n{_payPalRate}";

    public IReadOnlyCollection<JsonObject> StripeSetupIntents => [.. _setupIntents.Values];

    public ConcurrentBag<string> StripeIdempotencyKeys { get; } = [];

    /// <summary>How many requests carried <paramref name="key"/> (Stripe's Idempotency-Key or PayPal's PayPal-Request-Id).</summary>
    public int RequestsWith(string key) => _requestsByKey.GetValueOrDefault(key);

    public ConcurrentBag<string> StripeRefundedIntents { get; } = [];

    /// <summary>Every Stripe refund made (one per idempotency key, as Stripe keeps them), with its amount and metadata.</summary>
    public ConcurrentBag<JsonObject> StripeRefunds { get; } = [];

    /// <summary>Every PayPal capture refund made (one per PayPal-Request-Id): the capture, the refund's id, and the request's body.</summary>
    public ConcurrentBag<(string Capture, string Refund, JsonObject Body)> PayPalRefunds { get; } = [];

    /// <summary>Every order captured (one per PayPal-Request-Id): its request id and custom_id.</summary>
    public ConcurrentBag<(string RequestId, string CustomId, string Capture)> PayPalCaptures { get; } = [];

    public ConcurrentBag<string> PayPalRefundedCaptures { get; } = [];

    private int _payPalTokenRequests;

    public int PayPalTokenRequests => _payPalTokenRequests;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        PayPalSigningKey.Dispose();
        _serial.Dispose();
    }

    private static Task TooManyRequestsAsync(HttpContext http, bool stripe)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(stripe
            ? """{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests hit the API too quickly."}}"""
            : """{"name":"RATE_LIMIT_REACHED","message":"Too many requests. Blocked due to rate limiting.","debug_id":"stub"}""");
    }

    /// <summary>Requests counted per wall-clock second, refused above the limit.</summary>
    private sealed class StubRate(int limit)
    {
        private readonly Lock _lock = new();
        private readonly ConcurrentQueue<string> _log = new();
        private long _second;
        private int _inSecond;

        public int Peak { get; private set; }

        public int Refused { get; private set; }

        public bool Admit(DateTimeOffset now, string call)
        {
            lock (_lock)
            {
                var second = now.ToUnixTimeSeconds();
                _inSecond = second == _second ? _inSecond + 1 : 1;
                _second = second;
                Peak = Math.Max(Peak, _inSecond);
                var admitted = _inSecond <= limit;
                Refused += admitted ? 0 : 1;
                _log.Enqueue($"{(admitted ? "   " : "429")} {now:HH:mm:ss.fff} {call}");
                return admitted;
            }
        }

        public override string ToString() => string.Join("\n", _log);
    }

    public static JsonObject Fixture(string name) => (JsonObject)Fixtures[name]!.DeepClone();

    private string Next(string prefix) => $"{prefix}_{Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture)}";

    private void MapStripe(WebApplication app)
    {
        app.MapPost("/v1/customers", (HttpContext http, CancellationToken _) => Idempotent(http, "Idempotency-Key", async form =>
        {
            var customer = Fixture("customer");
            customer["id"] = Next("cus");
            customer["metadata"] = Metadata(form);
            return (200, customer.ToJsonString());
        }));
        app.MapPost("/v1/setup_intents", (HttpContext http, CancellationToken _) => Idempotent(http, "Idempotency-Key", async form =>
        {
            var intent = Fixture("setup_intent");
            var id = Next("seti");
            intent["id"] = id;
            intent["client_secret"] = $"{id}_secret_test";
            intent["customer"] = form["customer"].ToString();
            intent["status"] = "requires_payment_method";
            intent["metadata"] = Metadata(form);
            _setupIntents[id] = intent;
            return (200, intent.ToJsonString());
        }));
        app.MapGet("/v1/setup_intents/{id}", (string id) => _setupIntents.TryGetValue(id, out var intent)
            ? Results.Text(intent.ToJsonString(), "application/json")
            : StripeMissing(id));
        app.MapGet("/v1/payment_methods/{id}", (string id) => id is StripeCard or StripeDeclined or StripeNeedsAuthentication or StripeSlow
            ? Results.Text(StripeMethod(id).ToJsonString(), "application/json")
            : StripeMissing(id));
        app.MapPost("/v1/payment_intents", (HttpContext http, CancellationToken _) => Idempotent(http, "Idempotency-Key", async form =>
        {
            var method = form["payment_method"].ToString();
            var intent = Fixture("payment_intent");
            var id = Next("pi");
            intent["id"] = id;
            intent["client_secret"] = $"{id}_secret_test";
            intent["amount"] = long.Parse(form["amount"].ToString(), CultureInfo.InvariantCulture);
            intent["currency"] = form["currency"].ToString();
            intent["customer"] = form["customer"].ToString();
            intent["payment_method"] = method;
            intent["metadata"] = Metadata(form);
            StripeIdempotencyKeys.Add(http.Request.Headers["Idempotency-Key"].ToString());
            switch (method)
            {
                case StripeDeclined:
                    intent["status"] = "requires_payment_method";
                    _intents[id] = intent;
                    return (402, new JsonObject { ["error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "generic_decline", ["message"] = "Your card was declined.", ["payment_intent"] = intent.DeepClone() } }.ToJsonString());
                case StripeNeedsAuthentication:
                    intent["status"] = "requires_payment_method";
                    _intents[id] = intent;
                    return (402, new JsonObject { ["error"] = new JsonObject { ["type"] = "card_error", ["code"] = "authentication_required", ["message"] = "This payment requires authentication.", ["payment_intent"] = intent.DeepClone() } }.ToJsonString());
                default:
                    intent["status"] = "succeeded";
                    intent["amount_received"] = intent["amount"]!.DeepClone();
                    _intents[id] = intent;
                    return (200, intent.ToJsonString());
            }
        }, slowWhen: form => form["payment_method"] == StripeSlow));
        app.MapGet("/v1/payment_intents/{id}", (string id) => _intents.TryGetValue(id, out var intent)
            ? Results.Text(intent.ToJsonString(), "application/json")
            : StripeMissing(id));
        app.MapPost("/v1/payment_intents/{id}/cancel", (string id) =>
        {
            if (!_intents.TryGetValue(id, out var intent))
            {
                return StripeMissing(id);
            }

            intent["status"] = "canceled";
            return Results.Text(intent.ToJsonString(), "application/json");
        });
        app.MapPost("/v1/refunds", (HttpContext http, CancellationToken _) => Idempotent(http, "Idempotency-Key", async form =>
        {
            var refund = Fixture("refund");
            refund["id"] = Next("re");
            refund["payment_intent"] = form["payment_intent"].ToString();
            refund["status"] = "succeeded";
            if (form.TryGetValue("amount", out var amount))
            {
                refund["amount"] = long.Parse(amount.ToString(), CultureInfo.InvariantCulture);
            }

            refund["metadata"] = Metadata(form);
            StripeRefundedIntents.Add(form["payment_intent"].ToString());
            StripeRefunds.Add(refund);
            return (200, refund.ToJsonString());
        }));
    }

    private void MapPayPal(WebApplication app)
    {
        app.MapPost("/v1/oauth2/token", (HttpContext http, CancellationToken _) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PayPalClientId}:{PayPalClientSecret}"));
            if (http.Request.Headers.Authorization != expected)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            Interlocked.Increment(ref _payPalTokenRequests);
            return Results.Json(new { access_token = "A21AA-test-token", token_type = "Bearer", expires_in = 32400 });
        });
        app.MapGet("/certs/paypal.pem", () => Results.Text(CertificatePem, "application/x-pem-file"));
        app.MapPost("/v3/vault/setup-tokens", (HttpContext http, CancellationToken _) => Idempotent(http, "PayPal-Request-Id", async form =>
        {
            var id = Next("SETUP").ToUpperInvariant();
            return (201, new JsonObject
            {
                ["id"] = id,
                ["status"] = "PAYER_ACTION_REQUIRED",
                ["links"] = new JsonArray(new JsonObject { ["rel"] = "approve", ["href"] = $"https://www.sandbox.paypal.com/agreements/approve?approval_session_id={id}", ["method"] = "GET" }),
            }.ToJsonString());
        }));
        app.MapGet("/v3/vault/payment-tokens/{id}", (string id) => id is PayPalAccount or PayPalDeclined or PayPalFlaky || _paypalTokens.ContainsKey(id)
            ? Results.Text(PayPalToken(id).ToJsonString(), "application/json")
            : Results.Json(new { name = "RESOURCE_NOT_FOUND", details = new[] { new { issue = "INVALID_RESOURCE_ID" } } }, statusCode: 404));
        app.MapPost("/v3/vault/payment-tokens", (HttpContext http, CancellationToken _) => Idempotent(http, "PayPal-Request-Id", async form =>
        {
            var body = JsonNode.Parse(http.Items["body"]!.ToString()!)!;
            var setupToken = body["payment_source"]?["token"]?["id"]?.GetValue<string>();
            if (setupToken is null || !setupToken.StartsWith("SETUP_", StringComparison.Ordinal))
            {
                return (422, new JsonObject { ["name"] = "UNPROCESSABLE_ENTITY", ["details"] = new JsonArray(new JsonObject { ["issue"] = "TOKEN_NOT_FOUND" }) }.ToJsonString());
            }

            var token = Next("pptok");
            _paypalTokens[token] = setupToken;
            return (201, PayPalToken(token).ToJsonString());
        }));
        app.MapPost("/v2/checkout/orders", async (HttpContext http, CancellationToken _) =>
        {
            var requestId = http.Request.Headers["PayPal-Request-Id"].ToString();
            var raw = await new StreamReader(http.Request.Body).ReadToEndAsync(CancellationToken.None);
            var vaultId = JsonNode.Parse(raw)!["payment_source"]?["paypal"]?["vault_id"]?.GetValue<string>();
            if (vaultId == PayPalFlaky && !_replays.ContainsKey("PayPal-Request-Id:" + requestId) && _flakyFailures.TryAdd(requestId, 1))
            {
                return Results.Json(new { name = "INTERNAL_SERVER_ERROR" }, statusCode: 503); // transient, once per request id
            }

            http.Items["body"] = raw;
            return await Idempotent(http, "PayPal-Request-Id", async form =>
            {
                var order = JsonNode.Parse(raw)!.AsObject();
                var unit = order["purchase_units"]![0]!.AsObject();
                var customId = unit["custom_id"]!.GetValue<string>();
                if (vaultId == PayPalDeclined)
                {
                    return (422, new JsonObject { ["name"] = "UNPROCESSABLE_ENTITY", ["details"] = new JsonArray(new JsonObject { ["issue"] = "INSTRUMENT_DECLINED" }) }.ToJsonString());
                }

                var capture = Next("CAPTURE").ToUpperInvariant();
                PayPalCaptures.Add((requestId, customId, capture));
                unit["payments"] = new JsonObject
                {
                    ["captures"] = new JsonArray(new JsonObject { ["id"] = capture, ["status"] = "COMPLETED", ["custom_id"] = customId, ["amount"] = unit["amount"]!.DeepClone() }),
                };
                var created = new JsonObject { ["id"] = Next("ORDER").ToUpperInvariant(), ["status"] = "COMPLETED", ["purchase_units"] = new JsonArray(unit.DeepClone()) };
                _paypalOrders[created["id"]!.GetValue<string>()] = created.ToJsonString();
                return (201, created.ToJsonString());
            }, bodyRead: true);
        });
        app.MapGet("/v2/checkout/orders/{id}", (string id) => _paypalOrders.TryGetValue(id, out var order)
            ? Results.Text(order, "application/json")
            : Results.Json(new { name = "RESOURCE_NOT_FOUND", details = new[] { new { issue = "INVALID_RESOURCE_ID" } } }, statusCode: 404));
        app.MapGet("/v2/payments/captures/{id}", (string id) => PayPalCaptures.FirstOrDefault(c => c.Capture == id) is { Capture: not null } found
            ? Results.Json(new { id = found.Capture, status = "COMPLETED", custom_id = found.CustomId })
            : Results.Json(new { name = "RESOURCE_NOT_FOUND", details = new[] { new { issue = "INVALID_RESOURCE_ID" } } }, statusCode: 404));
        app.MapPost("/v2/payments/captures/{id}/refund", (HttpContext http, string id, CancellationToken _) => Idempotent(http, "PayPal-Request-Id", async form =>
        {
            PayPalRefundedCaptures.Add(id);
            var refund = Next("REFUND").ToUpperInvariant();
            PayPalRefunds.Add((id, refund, http.Items["body"] is string body && body.Length > 0 ? JsonNode.Parse(body)!.AsObject() : new JsonObject()));
            return (201, new JsonObject { ["id"] = refund, ["status"] = "COMPLETED" }.ToJsonString());
        }));
    }

    /// <summary>Answers a key seen before with the first answer; the first request for a slow card waits longer than the app's timeout once.</summary>
    private async Task<IResult> Idempotent(
        HttpContext http, string header, Func<IFormCollection, Task<(int Status, string Body)>> create, Func<IFormCollection, bool>? slowWhen = null, bool bodyRead = false)
    {
        IFormCollection form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : new FormCollection([]);
        if (!bodyRead && !http.Request.HasFormContentType)
        {
            http.Items["body"] = await new StreamReader(http.Request.Body).ReadToEndAsync();
        }

        var key = http.Request.Headers[header].ToString();
        (int Status, string Body) answer;
        var slow = false;
        await _serial.WaitAsync();
        try
        {
            if (key.Length == 0 || !_replays.TryGetValue($"{header}:{key}", out answer))
            {
                answer = await create(form);
                slow = slowWhen?.Invoke(form) == true;
                if (key.Length > 0)
                {
                    _replays[$"{header}:{key}"] = answer;
                }
            }
        }
        finally
        {
            _serial.Release();
        }

        if (slow)
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // the charge is made; the answer comes too late
        }

        http.Response.Headers["Idempotent-Replayed"] = "false";
        return Results.Text(answer.Body, "application/json", statusCode: answer.Status);
    }

    private static JsonObject StripeMethod(string id)
    {
        var method = Fixture("payment_method");
        method["id"] = id;
        method["card"]!["brand"] = "visa";
        method["card"]!["last4"] = id == StripeCard ? "4242" : "0341";
        method["card"]!["exp_month"] = 8;
        method["card"]!["exp_year"] = 2031;
        return method;
    }

    private static JsonObject PayPalToken(string id) => new()
    {
        ["id"] = id,
        ["customer"] = new JsonObject { ["id"] = "customer_4029352050" },
        ["payment_source"] = new JsonObject { ["paypal"] = new JsonObject { ["email_address"] = "payer@example.com", ["account_id"] = "QSJ4ARBW3GAMC" } },
    };

    private static IResult StripeMissing(string id) => Results.Json(
        new { error = new { type = "invalid_request_error", code = "resource_missing", message = $"No such object: '{id}'" } }, statusCode: 404);

    private static JsonObject Metadata(IFormCollection form)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[key["metadata[".Length..^1]] = value.ToString();
        }

        return metadata;
    }

    private static string FixturesPath() => Path.Combine(AppContext.BaseDirectory, "Fixtures", "stripe-fixtures3.json");
}
