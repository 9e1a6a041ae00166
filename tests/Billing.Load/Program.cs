using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions;
using Billing.Functions.Decisions;
using Billing.Functions.Hosting;
using Billing.Functions.RenewalRun;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// dotnet run -c Release --project tests/Billing.Load -- http [--concurrency 16] [--calls]
// (--calls: marks each write scenario in Azurite's debug log for scripts/storage-calls.py, its deliveries finished before the mark after it)
// dotnet run -c Release --project tests/Billing.Load -- renewals --count 10000 [--budget-minutes 120] [--latency-ms 5] [--in-process]   (the server in a process of its own unless --in-process)
// dotnet run -c Release --project tests/Billing.Load -- webhooks --count 4000 [--concurrency 16] [--calls]
// dotnet run -c Release --project tests/Billing.Load -- numbering --count 2000 [--in-flight 8,64,256]
// dotnet run -c Release --project tests/Billing.Load -- azurite --count 30000 --step 10000
// dotnet run -c Release --project tests/Billing.Load -- web [--runs 20]   (needs /usr/bin/chromium)
// Needs Storage__ConnectionString (and Email__SmtpPort for renewals): scripts/load.sh starts the emulators.
var command = args.FirstOrDefault() ?? "http";
int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

var connection = Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? throw new InvalidOperationException("Set Storage__ConnectionString (scripts/load.sh does).");
// --latency-ms N: the app reaches storage through a proxy that adds N ms to every round trip, as a
// network between a Functions instance and its storage account would (docs/SCALE.md checks its model with it).
var latency = TimeSpan.FromMilliseconds(Option("--latency-ms", 0));
var proxies = new List<LatencyProxy>();
var routed = latency > TimeSpan.Zero ? LatencyProxy.Route(connection, latency, proxies) : connection;
var prefix = $"l{Guid.NewGuid():N}"[..9];
const string WebhookSecret = "whsec_load";
var key = Convert.ToBase64String("load-only-signing-key-of-32-bytes!!"u8.ToArray());
var app = BillingServer.Build(
[
    "--urls=http://127.0.0.1:0", "--environment=Development", "--Auth:Issuer=load", "--Auth:Audience=billing-api", $"--Auth:SigningKey={key}",
    $"--Storage:ConnectionString={routed}", $"--Storage:Prefix={prefix}", "--Billing:Clock=test", "--Payments:Sandbox=true",
    "--Renewals:RunOnSchedule=false", $"--Email:SmtpPort={Environment.GetEnvironmentVariable("Email__SmtpPort") ?? "1025"}",
    "--Logging:LogLevel:Default=Error", $"--Stripe:WebhookSecret={WebhookSecret}",
]);
await app.StartAsync();
var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
HttpClient Client(string user, params string[] roles)
{
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress };
    client.DefaultRequestHeaders.Authorization = new("Bearer", LocalTokens.Mint(auth, user, roles));
    return client;
}

var storage = app.Services.GetRequiredService<BillingStorage>();
await storage.EnsureReadyAsync(CancellationToken.None);
Console.WriteLine($"# {Environment.ProcessorCount} cores, .NET {Environment.Version}, Azurite at {storage.Counters.Uri.Authority}, +{latency.TotalMilliseconds} ms per storage round trip");

// The table of a space's partition, as the app picks it (SpaceTables).
ValueTask<TableClient> TableOf(string space) => storage.Spaces.OfAsync(SpaceId.Parse(space), CancellationToken.None);

if (command == "http")
{
    var concurrency = Option("--concurrency", 16);
    var directory = Client("product", "billing.directory");
    var owner = Client("olivia");
    var upgradeBody = new
    {
        tier = "starter", cycle = "monthly", seats = 5, billingOwnerId = "olivia",
        billingInfo = new { name = "Acme", email = "ap@acme.test", address = new { line1 = "Dam 1", city = "Amsterdam", country = "NL" } },
        paymentMethod = new { provider = "sandbox", token = "pm_sandbox_ok" },
    };

    async Task<string> NewSpace()
    {
        var id = $"s-{Guid.NewGuid():N}";
        (await directory.PutAsJsonAsync($"/api/spaces/{id}", new { kind = "workspace", name = "Acme" })).EnsureSuccessStatusCode();
        foreach (var user in new[] { "olivia", "colin", "ada" })
        {
            (await directory.PutAsJsonAsync($"/api/spaces/{id}/members/{user}", new { email = $"{user}@x.test", role = "member" })).EnsureSuccessStatusCode();
        }

        return id;
    }

    var subscribed = await Parallel(Enumerable.Range(0, 100), concurrency, async _ =>
    {
        var id = await NewSpace();
        (await owner.PostAsJsonAsync($"/api/spaces/{id}/subscription", upgradeBody)).EnsureSuccessStatusCode();
        return id;
    });
    var fresh = await Parallel(Enumerable.Range(0, 400), concurrency, _ => NewSpace());
    var seats = new ConcurrentDictionary<string, int>(subscribed.ToDictionary(s => s, _ => 5));

    var results = new List<(string Name, Measure Measure)>
    {
        ("Billing view (GET .../billing)", await Run(2000, concurrency, i => owner.GetAsync($"/api/spaces/{subscribed[i % subscribed.Count]}/billing"))),
    };
    // --calls: each write scenario between two marks of Azurite's debug log, its deliveries (number, PDF, email) finished
    // before the second, so that scripts/storage-calls.py counts its calls (AZURITE_DEBUG, see docs/BENCHMARKS.md).
    await MarkIfCountingAsync("seatsfrom");
    results.Add(("Seat change (PATCH .../subscription, +5 seats)", await Run(400, concurrency, i =>
    {
        var space = subscribed[i % subscribed.Count];
        return owner.PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats = seats.AddOrUpdate(space, 10, (_, s) => s + 5) });
    })));
    await MarkIfCountingAsync("seatsto");
    await MarkIfCountingAsync("upgradesfrom");
    results.Add(("Upgrade (POST .../subscription)", await Run(fresh.Count, concurrency, i => owner.PostAsJsonAsync($"/api/spaces/{fresh[i]}/subscription", upgradeBody))));
    await MarkIfCountingAsync("upgradesto");

    // Azurite's own rate for the same entity reads and writes, from the same process, in the same run.
    results.Add(("Raw Azurite: read a space (partition query: space row + members)", await Run(2000, concurrency, async i =>
    {
        var space = subscribed[i % subscribed.Count];
        // The app's own read of a space: its row and its member rows.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {space} and (RowKey eq {"space"} or (RowKey ge {"member|"} and RowKey lt {"member}"}))");
        await foreach (var _ in (await TableOf(space)).QueryAsync<TableEntity>(filter))
        {
        }

        return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
    })));
    results.Add(("Raw Azurite: write a change (read + 4-entity transaction)", await Run(400, concurrency, async i =>
    {
        var partition = $"raw-{i % 100}";
        var table = await TableOf(partition);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, "space");
        var space = new TableEntity(partition, "space") { ["Json"] = new string('x', 1500) };
        var actions = new List<TableTransactionAction>
        {
            row.HasValue ? new(TableTransactionActionType.UpdateReplace, space, row.Value!.ETag) : new(TableTransactionActionType.Add, space),
            new(TableTransactionActionType.Add, new TableEntity(partition, $"audit|{Guid.NewGuid():N}") { ["Json"] = new string('a', 800) }),
            new(TableTransactionActionType.Add, new TableEntity(partition, $"invoice|{Guid.NewGuid():N}") { ["Json"] = new string('i', 1200) }),
            new(TableTransactionActionType.Add, new TableEntity(partition, $"outbox|{Guid.NewGuid():N}") { ["Json"] = new string('o', 300) }),
        };
        try
        {
            await table.SubmitTransactionAsync(actions);
        }
        catch (TableTransactionFailedException)
        {
            // a concurrent write to the same partition: counted like the app's retries
        }

        return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
    })));

    Console.WriteLine($"| scenario (concurrency {concurrency}) | requests | failed | req/s | p50 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var (name, m) in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {m.Count} | {m.Failed} | {m.PerSecond:F0} | {m.P50:F1} | {m.P99:F1} |"));
    }
}
else if (command == "renewals")
{
    var count = Option("--count", 1000);
    var store = app.Services.GetRequiredService<SpaceStore>();
    var clock = (TestClock)app.Services.GetRequiredService<TimeProvider>();
    var start = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    clock.Set(start);
    var seedWatch = Stopwatch.StartNew();
    await SeedAsync(count, start);
    Console.WriteLine($"# seeded {count} subscriptions in {seedWatch.Elapsed.TotalSeconds:F0} s ({count / seedWatch.Elapsed.TotalSeconds:F0} spaces/s, each one 6-entity transaction)");

    var renewAt = start.AddMonths(1).AddMinutes(1);
    var budget = TimeSpan.FromMinutes(Option("--budget-minutes", 120));
    var harnessPeak = Environment.WorkingSet;
    using var harnessSampler = new Timer(_ => harnessPeak = Math.Max(harnessPeak, Environment.WorkingSet), null, 0, 200);
    RenewalSummary summary;
    long serverPeak;
    string serverMemory;
    Stopwatch watch;
    TimeSpan cpu;
    if (args.Contains("--in-process"))
    {
        // The pass in this process, beside the harness: its working set is both together.
        clock.Set(renewAt);
        var pass = app.Services.GetRequiredService<RenewalPass>();
        // --budget-minutes: the pass stops there and leaves the rest due, as under the host's time limit.
        var options = new RenewalOptions { InlineLimit = int.MaxValue, Budget = budget };
        watch = Stopwatch.StartNew();
        await MarkAsync("passfrom");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        summary = await pass.RunAsync(options, CancellationToken.None);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        watch.Stop();
        await MarkAsync("passto");
        serverPeak = harnessPeak;
        // What the process still holds once the pass is over: after a full collection, only what is kept.
        serverMemory = $"server and harness in one process; managed heap after the pass, after a full collection: {GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024)} MB";
    }
    else
    {
        // The server alone: the app's own executable in a process of its own, on the same storage (same prefix) and maildev,
        // renewing through POST /api/operations/renewal-run as an operator would; its working set is sampled from here.
        var port = FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            Path.Combine(AppContext.BaseDirectory, "Billing.Functions.dll"),
            $"--urls=http://127.0.0.1:{port}", "--environment=Development", "--Auth:Issuer=load", "--Auth:Audience=billing-api", $"--Auth:SigningKey={key}",
            $"--Storage:ConnectionString={routed}", $"--Storage:Prefix={prefix}", "--Billing:Clock=test", "--Payments:Sandbox=true",
            "--Renewals:RunOnSchedule=false", "--Renewals:InlineLimit=1000000", $"--Renewals:Budget={budget:c}",
            $"--Email:SmtpPort={Environment.GetEnvironmentVariable("Email__SmtpPort") ?? "1025"}", "--Logging:LogLevel:Default=Error", $"--Stripe:WebhookSecret={WebhookSecret}"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var server = Process.Start(startInfo) ?? throw new InvalidOperationException("The server did not start.");
        // The server logs at Error only (the console logger writes to stdout): a space that fails shows why, beside the figures.
        DataReceivedEventHandler echo = (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"server: {line}"); } };
        server.OutputDataReceived += echo;
        server.ErrorDataReceived += echo;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var operatorClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout.InfiniteTimeSpan };
            operatorClient.DefaultRequestHeaders.Authorization = new("Bearer", LocalTokens.Mint(auth, "oscar", ["billing.operator"]));
            for (var tries = 0; ; tries++)
            {
                try
                {
                    if ((await operatorClient.GetAsync("/api/health")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (tries < 300)
                {
                }

                await Task.Delay(200);
            }

            (await operatorClient.PutAsJsonAsync("/api/operations/clock", new { now = renewAt })).EnsureSuccessStatusCode();
            long sampled = 0;
            using var serverSampler = new Timer(_ =>
            {
                try
                {
                    server.Refresh();
                    sampled = Math.Max(sampled, server.WorkingSet64);
                }
                catch (InvalidOperationException)
                {
                    // exited
                }
            }, null, 0, 200);
            watch = Stopwatch.StartNew();
            await MarkAsync("passfrom");
            server.Refresh();
            var cpuBefore = server.TotalProcessorTime;
            var answer = await operatorClient.PostAsync("/api/operations/renewal-run", null);
            watch.Stop();
            server.Refresh();
            cpu = server.TotalProcessorTime - cpuBefore;
            await MarkAsync("passto");
            answer.EnsureSuccessStatusCode();
            summary = (await answer.Content.ReadFromJsonAsync<RenewalSummary>(Billing.Functions.Http.ApiJson.Options))!;
            server.Refresh();
            // The kernel's high-water mark of the server's resident memory (VmHWM), beside the largest of the samples.
            serverPeak = Math.Max(server.PeakWorkingSet64, sampled);
            serverMemory = $"the server alone (its own process, pid {server.Id}): peak {server.PeakWorkingSet64 / (1024 * 1024)} MB (VmHWM), largest 200 ms sample {sampled / (1024 * 1024)} MB, {server.WorkingSet64 / (1024 * 1024)} MB at the end; the harness's own peak {harnessPeak / (1024 * 1024)} MB";
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    var renewRate = summary.Renewed / watch.Elapsed.TotalSeconds;
    Console.WriteLine($"# memory: {serverMemory}");
    // The app's own CPU per renewal (the server's process, or this one with --in-process, where the harness is idle during the pass; Azurite is another process): docs/SCALE.md's compute cost.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# app CPU during the pass: {cpu.TotalSeconds:F1} s, {cpu.TotalMilliseconds / Math.Max(1, summary.Renewed):F1} ms per renewal"));

    // Azurite's raw write rate in the same run: the same number of single-space transactions of the renewal's size.
    var rawWatch = Stopwatch.StartNew();
    await Parallel(Enumerable.Range(0, Math.Min(count, 5000)), 32, async i =>
    {
        var partition = $"raw-r-{i}";
        await (await TableOf(partition)).SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "space") { ["Json"] = new string('x', 1500) }),
            new(TableTransactionActionType.Add, new TableEntity(partition, $"invoice|{i}") { ["Json"] = new string('i', 1200) }),
            new(TableTransactionActionType.Add, new TableEntity(partition, $"audit|{i}") { ["Json"] = new string('a', 800) }),
            new(TableTransactionActionType.Add, new TableEntity(partition, $"outbox|{i}") { ["Json"] = new string('o', 300) }),
        ]);
        return 0;
    });
    var rawRate = Math.Min(count, 5000) / rawWatch.Elapsed.TotalSeconds;

    Console.WriteLine($"| subscriptions | renewed | emailed | failed | left due | seconds | renewals/s | raw Azurite transactions/s | ratio | server's peak working set |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {count} | {summary.Renewed} | {summary.InvoicesEmailed} | {summary.Failed} | {summary.Remaining} | {watch.Elapsed.TotalSeconds:F0} | {renewRate:F1} | {rawRate:F0} | {renewRate / rawRate:P1} | {serverPeak / (1024 * 1024)} MB |"));
}
else if (command == "webhooks")
{
    // Verify, record and apply Stripe events, duplicates mixed in, over HTTP; beside Azurite's raw rate for the inbox's own writes.
    var count = Option("--count", 4000);
    var concurrency = Option("--concurrency", 16);
    var spaces = Math.Max(1, count / 20);
    var start = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    ((TestClock)app.Services.GetRequiredService<TimeProvider>()).Set(start);
    await SeedAsync(spaces, start);
    var ledger = app.Services.GetRequiredService<InvoiceLedger>();
    var invoices = new string[spaces];
    for (var i = 0; i < spaces; i++)
    {
        invoices[i] = (await ledger.ListAsync(SpaceId.Parse($"r-{i:D7}"), 1, null, CancellationToken.None)).Items.Single().Id.Value;
    }

    // Three in five: a payment succeeded (already known: changes nothing); one in five: a refund (the first per invoice changes it); one in five: a duplicate.
    var bodies = new string[count];
    for (var i = 0; i < count; i++)
    {
        if (i % 5 == 4 && i > 5)
        {
            bodies[i] = bodies[i - 3];
            continue;
        }

        var space = i % spaces;
        var metadata = $"{{\"space_id\":\"r-{space:D7}\",\"invoice_id\":\"{invoices[space]}\",\"attempt\":\"1\"}}";
        var obj = i % 5 == 3
            ? $"{{\"id\":\"ch_{i}\",\"object\":\"charge\",\"payment_intent\":\"pi_{i}\",\"metadata\":{metadata}}}"
            : $"{{\"id\":\"pi_{i}\",\"object\":\"payment_intent\",\"status\":\"succeeded\",\"metadata\":{metadata}}}";
        var type = i % 5 == 3 ? "charge.refunded" : "payment_intent.succeeded";
        bodies[i] = $"{{\"id\":\"evt_{Guid.NewGuid():N}\",\"object\":\"event\",\"api_version\":\"2019-02-19\",\"type\":\"{type}\",\"data\":{{\"object\":{obj}}}}}";
    }

    var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress };
    await MarkIfCountingAsync("webhooksfrom");
    var measure = await Run(count, concurrency, i =>
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(WebhookSecret), System.Text.Encoding.UTF8.GetBytes($"{timestamp}.{bodies[i]}"))).ToLowerInvariant();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = new StringContent(bodies[i], System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", $"t={timestamp},v1={signature}");
        return anonymous.SendAsync(request);
    });

    await MarkIfCountingAsync("webhooksto");
    var raw = storage.Payments;
    var rawMeasure = await Run(Math.Min(count, 2000), concurrency, async i =>
    {
        await storage.Webhooks.GetBlobClient($"raw/{i}-{Guid.NewGuid():N}.json").UploadAsync(BinaryData.FromString(bodies[i]));
        await raw.AddEntityAsync(new TableEntity($"raw|{Guid.NewGuid():N}", "stripe") { ["Type"] = "x" });
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
    });
    Console.WriteLine($"| scenario (concurrency {concurrency}) | events | failed | events/s | p50 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Stripe webhook: verify, record, apply ({spaces} spaces, 1 in 5 a duplicate) | {measure.Count} | {measure.Failed} | {measure.PerSecond:F0} | {measure.P50:F1} | {measure.P99:F1} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Raw Azurite: the inbox's writes alone (blob upload + entity insert) | {rawMeasure.Count} | {rawMeasure.Failed} | {rawMeasure.PerSecond:F0} | {rawMeasure.P50:F1} | {rawMeasure.P99:F1} |"));
}

else if (command == "numbering")
{
    // The issuer's gap-free counter under N invoices asking at once: numbers per second and invoices per counter write.
    var count = Option("--count", 2000);
    var levels = (Array.IndexOf(args, "--in-flight") is var at and >= 0 ? args[at + 1] : "8,64,256").Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
    var start = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    ((TestClock)app.Services.GetRequiredService<TimeProvider>()).Set(start);
    var numbering = app.Services.GetRequiredService<InvoiceNumbering>();
    var ledger = app.Services.GetRequiredService<InvoiceLedger>();
    Console.WriteLine("| invoices in flight | invoices | seconds | numbers/s | counter writes | invoices per counter write |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
    for (var level = 0; level < levels.Count; level++)
    {
        // Each level numbers invoices of its own: spaces seeded with one unnumbered invoice each, read before the clock starts.
        await SeedAsync(count, start, offset: level * count);
        var reads = await Parallel(Enumerable.Range(level * count, count), 32, async i =>
        {
            var space = SpaceId.Parse($"r-{i:D7}");
            var invoice = (await ledger.ListAsync(space, 1, null, CancellationToken.None)).Items.Single().Id;
            return (space, invoice, read: await numbering.ReadAsync(space, invoice, CancellationToken.None));
        });
        var writesBefore = numbering.CounterWrites;
        var watch = Stopwatch.StartNew();
        await Parallel(reads, levels[level], async r => (await numbering.NumberAsync(r.space, r.invoice, CancellationToken.None, r.read)).Invoice);
        watch.Stop();
        var writes = numbering.CounterWrites - writesBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {levels[level]} | {count} | {watch.Elapsed.TotalSeconds:F1} | {count / watch.Elapsed.TotalSeconds:F0} | {writes} | {(double)count / writes:F1} |"));
    }
}
else if (command == "azurite")
{
    // How Azurite's own operations slow as the spaces grow (why the spaces are spread over 64 tables): spaces
    // shaped like the app's partitions, seeded in steps; after each step, the calls a renewal makes.
    var count = Option("--count", 30000);
    var step = Option("--step", 10000);
    static string AnySpace(int seeded) => $"z-{Random.Shared.Next(seeded):D7}";
    Console.WriteLine("| spaces (entities) | seed: 5-entity transactions/s | point read, row key shared by every space of its table (\"space\") | point read, row key of its own | partition query (the load of a space) | upsert of a space row |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
    for (var seeded = 0; seeded < count; seeded += step)
    {
        var from = seeded;
        var seed = await Run(step, 16, async i =>
        {
            var partition = $"z-{from + i:D7}";
            await (await TableOf(partition)).SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity(partition, "space") { ["Json"] = new string('x', 1500) }),
                new(TableTransactionActionType.Add, new TableEntity(partition, "member|olivia") { ["Json"] = new string('m', 300) }),
                new(TableTransactionActionType.Add, new TableEntity(partition, $"invoice|{Guid.NewGuid():N}") { ["Json"] = new string('i', 1200) }),
                new(TableTransactionActionType.Add, new TableEntity(partition, $"invoices|{Guid.NewGuid():N}") { ["Json"] = "x" }),
                new(TableTransactionActionType.Add, new TableEntity(partition, $"audit|{Guid.NewGuid():N}") { ["Json"] = new string('a', 800) }),
            ]);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        });
        var total = seeded + step;
        var shared = await Run(500, 16, async _ => { var space = AnySpace(total); await (await TableOf(space)).GetEntityAsync<TableEntity>(space, "space"); return new HttpResponseMessage(System.Net.HttpStatusCode.OK); });
        var own = await Run(500, 16, async _ => { var space = AnySpace(total); await (await TableOf(space)).GetEntityIfExistsAsync<TableEntity>(space, $"invoice|{Guid.NewGuid():N}"); return new HttpResponseMessage(System.Net.HttpStatusCode.OK); });
        var query = await Run(200, 16, async _ =>
        {
            var space = AnySpace(total);
            await foreach (var row in (await TableOf(space)).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {space}")))
            {
            }

            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        });
        var upsert = await Run(500, 16, async _ =>
        {
            var space = AnySpace(total);
            await (await TableOf(space)).UpsertEntityAsync(new TableEntity(space, "space") { ["Json"] = new string('y', 1500) });
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {total} ({total * 5}) | {seed.PerSecond:F0} | {shared.PerSecond:F0}/s | {own.PerSecond:F0}/s | {query.PerSecond:F0}/s | {upsert.PerSecond:F0}/s |"));
    }
}
else if (command == "web")
{
    await WebFigures.RunAsync(app.Services, baseAddress, Client, Option("--runs", 20));
}

await app.StopAsync();
foreach (var proxy in proxies)
{
    await proxy.DisposeAsync();
}

return;

async Task SeedAsync(int count, DateTimeOffset start, int offset = 0)
{
    var store = app.Services.GetRequiredService<SpaceStore>();
    await Parallel(Enumerable.Range(offset, count), 32, async i =>
    {
        var id = SpaceId.Parse($"r-{i:D7}");
        var directory = Caller.Person(UserId.Parse("product"), ServiceRoles.Directory);
        var context = DecisionContext.At(start);
        var state = SpaceDirectory.PutSpace(null, new Space(id, SpaceKind.Workspace, $"Space {i}", null, Locale.Parse("nl-NL")), SpaceSurroundings.None, directory, context).Value.State;
        state = SpaceDirectory.PutMember(state, new Member(UserId.Parse("olivia"), $"olivia-{i}@x.test", "Olivia", MemberRole.Member, null), directory, context).Value.State;
        var upgrade = Upgrades.Upgrade(state, new UpgradeCommand(
            TierId.Parse("advanced"), Billing.Core.Calendar.BillingCycle.Monthly, SeatCount.Of(5), UserId.Parse("olivia"),
            new BillingInfo("Acme", "ap@acme.test", new PostalAddress("Dam 1", null, "Amsterdam", null, null, "NL"), null, Locale.Parse("nl-NL")),
            Billing.Core.Payments.PaymentMethod.Saved(Billing.Core.Payments.PaymentProvider.Sandbox, "pm_sandbox_ok", new Billing.Core.Payments.PaymentMethodSummary("visa", "4242", 1, 2034, null)),
            SpaceSurroundings.None), Caller.Person(UserId.Parse("olivia")), context).Value;
        var invoices = upgrade.Effects.OfType<IssueInvoice>().Select(e => Invoice.Issue(e.Draft, start).MarkPaid(start)).ToArray();
        try
        {
            await store.SaveAsync(new SpaceWrite(null, upgrade, [.. invoices], null) { DecidedAt = start }, CancellationToken.None);
        }
        catch (ConcurrencyConflictException)
        {
            // The client retried a transaction whose first answer was lost (a slow Azurite): the first one landed.
            _ = await store.LoadAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"Space {id} was not seeded.");
        }
        return 0;
    });
}

// A call that marks a point in Azurite's debug log (a read of a table that does not exist), so that
// scripts/storage-calls.py counts the calls between two marks: the pass's own.
async Task MarkAsync(string mark) =>
    await new TableClient(connection, $"{prefix}{mark}").GetEntityIfExistsAsync<TableEntity>("mark", "mark").ConfigureAwait(false);

// With --calls, a mark once the effects pump has delivered everything the requests before it queued.
async Task MarkIfCountingAsync(string mark)
{
    if (!args.Contains("--calls"))
    {
        return;
    }

    var pump = app.Services.GetRequiredService<EffectsPump>();
    while (pump.Backlog > 0)
    {
        await Task.Delay(100);
    }

    await MarkAsync(mark);
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task<List<T>> Parallel<T, TItem>(IEnumerable<TItem> items, int concurrency, Func<TItem, Task<T>> work)
{
    var results = new ConcurrentBag<T>();
    await System.Threading.Tasks.Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) => results.Add(await work(i)));
    return [.. results];
}

static async Task<Measure> Run(int count, int concurrency, Func<int, Task<HttpResponseMessage>> call)
{
    var latencies = new ConcurrentBag<double>();
    var failed = 0;
    var watch = Stopwatch.StartNew();
    await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
    {
        var one = Stopwatch.StartNew();
        using var response = await call(i);
        latencies.Add(one.Elapsed.TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref failed);
        }
    });
    var sorted = latencies.Order().ToArray();
    return new Measure(count, failed, count / watch.Elapsed.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
}

internal sealed record Measure(int Count, int Failed, double PerSecond, double P50, double P99);
