using System.Text.Json.Nodes;

namespace Billing.Deployment.Tests.Support;

/// <summary>Runs the publish command once (scripts/publish.sh) into a temporary folder, for every package test.</summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("billing-package-");

    public string Folder => Path.Combine(_work.FullName, "package");

    public string Zip => Folder + ".zip";

    public JsonObject HostJson { get; private set; } = [];

    public Command.Outcome Publish { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        Publish = await Command.RunAsync("bash", [Path.Combine(Repository.Root, "scripts", "publish.sh"), Folder], Repository.Root, TimeSpan.FromMinutes(10));
        if (Publish.ExitCode == 0)
        {
            HostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "host.json")))!.AsObject();
        }
    }

    public Task DisposeAsync()
    {
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
