using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Billing.Deployment.Tests.Support;

namespace Billing.Deployment.Tests;

/// <summary>
/// infra/azure builds and lints with no diagnostic at all: bicepconfig.json raises every linter rule
/// to an error, and a compiler warning (a BCP code) fails here as well. Its parameters refuse what
/// Flex Consumption would refuse mid-deployment.
/// </summary>
public partial class BicepTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private static List<string> Files() =>
        [.. Directory.EnumerateFiles(Repository.AzureInfra, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.AzureInfra, f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> BicepFiles() => [.. Files()];

    [Fact]
    public void The_main_template_and_its_modules_are_there()
    {
        var files = Files();
        Assert.Contains("main.bicep", files);
        Assert.Contains(Path.Combine("modules", "functionapp.bicep"), files);
        Assert.True(File.Exists(Path.Combine(Repository.AzureInfra, "bicepconfig.json")));
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Every_bicep_file_builds_with_no_diagnostic(string file)
    {
        var outcome = await Bicep("build", file, "--stdout");
        Assert.True(outcome.ExitCode == 0, outcome.Errors);
        Assert.Empty(Diagnostics(outcome.All));
        Assert.NotNull(JsonNode.Parse(outcome.Output)?["resources"]);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Every_bicep_file_lints_with_no_diagnostic(string file)
    {
        var outcome = await Bicep("lint", file);
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Empty(Diagnostics(outcome.All));
    }

    [Fact]
    public async Task The_parameters_file_gives_every_required_parameter_of_main_and_nothing_else()
    {
        var template = JsonNode.Parse((await Bicep("build", "main.bicep", "--stdout")).Output)!;
        var declared = template["parameters"]!.AsObject();
        var given = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.AzureInfra, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(given, p => Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json gives {p.Key}, which main.bicep does not declare."));
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(given.ContainsKey(name), $"main.bicep requires {name}; main.parameters.json does not give it."));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)given["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)given["location"]!["value"]);
    }

    [Fact]
    public async Task The_function_app_runs_the_custom_handler_on_flex_consumption_with_its_identity_and_no_storage_key()
    {
        var template = (await Bicep("build", Path.Combine("modules", "functionapp.bicep"), "--stdout")).Output;
        Assert.Contains("\"name\": \"FC1\"", template, StringComparison.Ordinal);
        Assert.Matches(@"""runtime"":\s*\{\s*""name"":\s*""custom""", template);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", template, StringComparison.Ordinal); // Flex takes it from functionAppConfig

        var main = await File.ReadAllTextAsync(Path.Combine(Repository.AzureInfra, "main.bicep"));
        Assert.Contains("AzureWebJobsStorage__credential: 'managedidentity'", main, StringComparison.Ordinal);
        Assert.Contains("Storage__AccountName:", main, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", main, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys", main, StringComparison.Ordinal);

        var storage = (await Bicep("build", Path.Combine("modules", "storage.bicep"), "--stdout")).Output;
        Assert.Matches(@"""allowSharedKeyAccess"":\s*false", storage);
        Assert.Matches(@"""allowBlobPublicAccess"":\s*false", storage);
        Assert.Matches(@"""minimumTlsVersion"":\s*""TLS1_2""", storage);
    }

    [Fact]
    public async Task Frontends_that_embed_the_billing_tab_are_allowed_cross_origin_by_the_platform_and_never_with_credentials()
    {
        var template = (await Bicep("build", Path.Combine("modules", "functionapp.bicep"), "--stdout")).Output;
        Assert.Matches(@"""cors"":\s*\{\s*""allowedOrigins"":\s*""\[parameters\('allowedOrigins'\)\]"",\s*""supportCredentials"":\s*false", template);

        var main = await File.ReadAllTextAsync(Path.Combine(Repository.AzureInfra, "main.bicep"));
        Assert.Contains("param webAllowedOrigins array = []", main, StringComparison.Ordinal); // none unless the deployment names them
        Assert.Contains("allowedOrigins: webAllowedOrigins", main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_parameters_refuse_a_maximum_instance_count_under_40_which_flex_consumption_refuses()
    {
        await AssertAccepted("maximumInstanceCount", "40");
        await AssertRefused("maximumInstanceCount", "39", "minimum allowable value is 40");
        await AssertRefused("maximumInstanceCount", "1001", "maximum allowable value is 1000");
    }

    [Fact]
    public async Task The_parameters_refuse_a_region_without_flex_consumption_and_azd_prompts_for_a_location()
    {
        await AssertAccepted("location", "'westeurope'");
        await AssertRefused("location", "'westindia'", "'westindia'");

        var template = JsonNode.Parse((await Bicep("build", "main.bicep", "--stdout")).Output)!;
        var location = template["parameters"]!["location"]!;
        Assert.Equal("location", (string?)location["metadata"]!["azd"]!["type"]);
        Assert.Contains("swedencentral", location["allowedValues"]!.AsArray().Select(v => (string?)v));
    }

    private static async Task AssertAccepted(string parameter, string value)
    {
        var outcome = await BuildParameters(parameter, value);
        Assert.True(outcome.ExitCode == 0, outcome.All);
    }

    private static async Task AssertRefused(string parameter, string value, string because)
    {
        var outcome = await BuildParameters(parameter, value);
        Assert.True(outcome.ExitCode != 0, $"{parameter} = {value} was accepted.");
        Assert.Contains(because, outcome.All, StringComparison.Ordinal);
    }

    // A parameters file for main.bicep with every required parameter, one of them set, built with `bicep build-params`.
    private static async Task<Command.Outcome> BuildParameters(string parameter, string value)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["environmentName"] = "'billing-test'",
            ["location"] = "'westeurope'",
            ["authAuthority"] = "'https://login.example.com/'",
            ["publicBaseUrl"] = "'https://app.example.com/'",
            ["emailFrom"] = "'billing@example.com'",
            ["smtpHost"] = "'smtp.example.com'",
        };
        values[parameter] = value;

        var folder = Directory.CreateTempSubdirectory("billing-params-");
        try
        {
            var main = Path.GetRelativePath(folder.FullName, Path.Combine(Repository.AzureInfra, "main.bicep")).Replace('\\', '/');
            var file = Path.Combine(folder.FullName, "test.bicepparam");
            await File.WriteAllLinesAsync(file, [$"using '{main}'", .. values.Select(v => $"param {v.Key} = {v.Value}")]);
            EnsureExecutable(Repository.Bicep);
            return await Command.RunAsync(Repository.Bicep, ["build-params", file, "--stdout"], folder.FullName, Limit);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Task<Command.Outcome> Bicep(string verb, string file, params string[] more)
    {
        EnsureExecutable(Repository.Bicep);
        return Command.RunAsync(Repository.Bicep, [verb, file, .. more], Repository.AzureInfra, Limit);
    }

    // NuGet does not always keep the executable bit of a package's files.
    private static void EnsureExecutable(string path)
    {
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }
    }

    private static List<string> Diagnostics(string output) => [.. DiagnosticLine().Matches(output).Select(m => m.Value)];

    [GeneratedRegex(@"^.*\(\d+,\d+\) : (Error|Warning|Info) .*$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
