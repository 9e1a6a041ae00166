using System.Text.Json.Nodes;
using Billing.Deployment.Tests.Support;

namespace Billing.Deployment.Tests;

/// <summary>
/// The zip azd uploads is what the Functions host runs: host.json at the root naming the custom
/// handler, the self-contained server it names (executable by its mode in the zip, since on Flex the
/// package is mounted read-only), and one folder per function at the root whose function.json is
/// valid for its trigger. It is built as azd builds it (see <see cref="PackageFixture"/>), on a file
/// system where the linux-x64 server cannot be executed.
/// </summary>
public class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static readonly string[] Expected =
    [
        "Health", "Plans", "OpenApi", "PutSpace", "GetBilling", "PreviewSubscription", "ChangeSubscription", "RunRenewals", "RenewalRun", "RenewalBatch",
    ];

    private IEnumerable<string> FunctionFiles => package.Entries.Keys.Where(e => e.EndsWith("/function.json", StringComparison.Ordinal));

    private string Handler => (string)package.HostJson["customHandler"]!["description"]!["defaultExecutablePath"]!;

    [Fact]
    public void Azd_uploads_the_zip_the_prepackage_hook_writes_and_requires_a_version_that_passes_it_through()
    {
        Assert.Equal("custom", package.Azd.Language);
        Assert.Equal("function", package.Azd.Host);
        Assert.EndsWith(".zip", package.Azd.Dist, StringComparison.Ordinal); // a folder would be zipped by azd, without Unix modes before 1.26
        Assert.Contains("scripts/publish.sh", package.Azd.PrepackageRun, StringComparison.Ordinal);
        Assert.Equal(">= 1.26.0", package.Azd.RequiredAzd);
    }

    [Fact]
    public void Packaging_as_azd_runs_it_succeeds_where_the_linux_x64_server_cannot_be_executed()
    {
        Assert.True(package.Package.ExitCode != PackageFixture.ExecutionNotBlocked, "The noexec file system did not stop a program: this test would prove nothing here.");
        Assert.True(package.Package.ExitCode == 0, package.Package.All);
    }

    [Fact]
    public void The_server_host_json_names_is_at_the_root_of_the_zip_and_executable()
    {
        var handler = package.HostJson["customHandler"]!.AsObject();
        Assert.True((bool)handler["enableForwardingHttpRequest"]!);
        // No route prefix: each function.json declares its route whole (api/..., and the web pages under billing/).
        Assert.Equal(string.Empty, (string?)package.HostJson["extensions"]!["http"]!["routePrefix"]);

        var server = Assert.Contains(Handler, package.Entries);
        Assert.True(server.IsRegularFile, $"mode {server.UnixMode:x}");
        Assert.True(server.IsExecutableByAll, $"the server's mode in the zip is {Convert.ToString(server.UnixMode & 0x1FF, 8)}, not executable");
        Assert.True(server.Length > 0);

        // Self-contained: the runtime ships in the package, so the host needs no dotnet on its PATH.
        Assert.Contains("libcoreclr.so", package.Entries.Keys);
        Assert.Contains("System.Private.CoreLib.dll", package.Entries.Keys);
    }

    [Fact]
    public void Host_json_and_every_function_folder_are_at_the_root_of_the_zip()
    {
        Assert.Contains("host.json", package.Entries.Keys);
        Assert.All(FunctionFiles, f => Assert.Single(f, '/')); // <Function>/function.json, nothing deeper
        var names = FunctionFiles.Select(f => f.Split('/')[0]).ToList();
        Assert.All(Expected, name => Assert.Contains(name, names));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // Every folder at the root is a function (the self-contained runtime has no folders of its own).
        var folders = package.Entries.Keys.Where(e => e.Contains('/', StringComparison.Ordinal)).Select(e => e.Split('/')[0]).Distinct();
        Assert.All(folders, folder => Assert.True(names.Contains(folder), $"{folder}/ is a folder with no function.json"));
    }

    [Fact]
    public void Every_file_of_the_zip_is_readable_and_only_executables_are_executable()
    {
        Assert.All(package.Entries, e =>
        {
            Assert.True(e.Value.IsRegularFile, e.Key);
            Assert.True((e.Value.UnixMode & 0b100_100_100) == 0b100_100_100, $"{e.Key} is not readable by all");
        });
        Assert.False(package.Entries["host.json"].IsExecutableByAll);
    }

    [Fact]
    public void Every_function_json_is_valid_for_its_trigger()
    {
        var routes = new List<string>();
        foreach (var file in FunctionFiles)
        {
            var function = package.ReadJson(file);
            var bindings = function["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
            var trigger = Assert.Single(bindings, b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Equal("in", (string?)trigger["direction"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)trigger["name"]), file);
            switch ((string)trigger["type"]!)
            {
                case "httpTrigger":
                    Assert.Contains((string?)trigger["authLevel"], new[] { "anonymous", "function", "admin" });
                    var methods = trigger["methods"]!.AsArray().Select(m => (string)m!).ToList();
                    Assert.NotEmpty(methods);
                    Assert.All(methods, m => Assert.Contains(m, new[] { "get", "head", "post", "put", "patch", "delete" })); // of the host's method names
                    var route = (string)trigger["route"]!;
                    Assert.False(string.IsNullOrWhiteSpace(route), file);
                    // No route prefix in host.json: each route is whole, the API's under api/, the web pages under billing/.
                    Assert.Matches("^(api|billing)/", route);
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
                    Assert.Fail($"{file} has a trigger the package does not expect: {trigger["type"]}.");
                    break;
            }
        }

        Assert.Equal(routes.Count, routes.Distinct().Count()); // no route and method declared twice
        Assert.Contains("get api/health", routes);
        Assert.Contains("head api/health", routes); // monitors that probe with HEAD
        Assert.Contains("get billing/{spaceId}", routes);
    }

    [Fact]
    public void The_readme_asks_for_the_azd_version_azure_yaml_requires()
    {
        var version = package.Azd.RequiredAzd.TrimStart('>', '=', ' ');
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Assert.Contains($"Azure Developer CLI {version} or later", readme, StringComparison.Ordinal);
    }
}
