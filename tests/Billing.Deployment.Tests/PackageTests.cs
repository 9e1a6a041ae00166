using System.IO.Compression;
using System.Text.Json.Nodes;
using Billing.Deployment.Tests.Support;

namespace Billing.Deployment.Tests;

/// <summary>
/// The function app package is what the Functions host runs: host.json at the root naming the
/// custom handler, the self-contained server it names (executable), and one folder per function
/// whose function.json is valid for its trigger.
/// </summary>
public class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static readonly string[] Expected =
    [
        "Health", "Plans", "OpenApi", "PutSpace", "GetBilling", "PreviewSubscription", "ChangeSubscription", "RunRenewals", "RenewalRun", "RenewalBatch",
    ];

    private IEnumerable<DirectoryInfo> FunctionFolders =>
        new DirectoryInfo(package.Folder).GetDirectories().Where(d => File.Exists(Path.Combine(d.FullName, "function.json")));

    [Fact]
    public void The_publish_command_succeeds()
    {
        Assert.True(package.Publish.ExitCode == 0, package.Publish.All);
    }

    [Fact]
    public void Host_json_starts_the_self_contained_server_which_is_there_and_executable()
    {
        var handler = package.HostJson["customHandler"]!.AsObject();
        Assert.True((bool)handler["enableForwardingHttpRequest"]!);
        Assert.Equal("api", (string?)package.HostJson["extensions"]!["http"]!["routePrefix"]);

        var executable = Path.Combine(package.Folder, (string)handler["description"]!["defaultExecutablePath"]!);
        Assert.True(File.Exists(executable), executable);
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute));

        // Self-contained: the runtime ships in the package, so the host needs no dotnet on its PATH.
        Assert.True(File.Exists(Path.Combine(package.Folder, "libcoreclr.so")));
        Assert.True(File.Exists(Path.Combine(package.Folder, "System.Private.CoreLib.dll")));
    }

    [Fact]
    public void There_is_one_folder_per_function_and_every_folder_is_a_function()
    {
        var names = FunctionFolders.Select(d => d.Name).ToList();
        Assert.All(Expected, name => Assert.Contains(name, names));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(new DirectoryInfo(package.Folder).GetDirectories(), d => Assert.True(File.Exists(Path.Combine(d.FullName, "function.json")), $"{d.Name} is a folder with no function.json"));
    }

    [Fact]
    public void Every_function_json_is_valid_for_its_trigger()
    {
        var routes = new List<string>();
        foreach (var folder in FunctionFolders)
        {
            var function = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.FullName, "function.json")))!.AsObject();
            var bindings = function["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
            var trigger = Assert.Single(bindings, b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Equal("in", (string?)trigger["direction"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)trigger["name"]), folder.Name);
            switch ((string)trigger["type"]!)
            {
                case "httpTrigger":
                    Assert.Contains((string?)trigger["authLevel"], new[] { "anonymous", "function", "admin" });
                    var methods = trigger["methods"]!.AsArray().Select(m => (string)m!).ToList();
                    Assert.NotEmpty(methods);
                    Assert.All(methods, m => Assert.Contains(m, new[] { "get", "post", "put", "patch", "delete" }));
                    var route = (string)trigger["route"]!;
                    Assert.False(string.IsNullOrWhiteSpace(route), folder.Name);
                    Assert.False(route.StartsWith('/') || route.StartsWith("api/", StringComparison.Ordinal), route); // the host adds the api prefix
                    routes.AddRange(methods.Select(m => $"{m} {route}"));
                    Assert.Contains(bindings, b => (string?)b["type"] == "http" && (string?)b["direction"] == "out");
                    break;
                case "timerTrigger":
                    Assert.Equal(6, ((string)trigger["schedule"]!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length); // NCRONTAB with seconds
                    Assert.True((bool)trigger["useMonitor"]!);
                    break;
                case "queueTrigger":
                    Assert.Equal("renewal-batches", (string?)trigger["queueName"]);
                    Assert.Equal("AzureWebJobsStorage", (string?)trigger["connection"]);
                    break;
                default:
                    Assert.Fail($"{folder.Name} has a trigger the package does not expect: {trigger["type"]}.");
                    break;
            }
        }

        Assert.Equal(routes.Count, routes.Distinct().Count()); // no route and method declared twice
        Assert.Contains("get health", routes);
    }

    [Fact]
    public void The_zip_holds_the_same_package_with_the_server_executable()
    {
        using var zip = ZipFile.OpenRead(package.Zip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("host.json", names);
        Assert.All(FunctionFolders, d => Assert.Contains($"{d.Name}/function.json", names));
        var server = zip.GetEntry((string)package.HostJson["customHandler"]!["description"]!["defaultExecutablePath"]!);
        Assert.NotNull(server);
        Assert.True(((server.ExternalAttributes >> 16) & 0b001_000_000) != 0, "the server lost its executable bit in the zip");
    }
}
