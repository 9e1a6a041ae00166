using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Billing.Deployment.Tests.Support;

/// <summary>
/// Builds the artefact azd uploads, once for every package test, the way azd builds it: azure.yaml's
/// prepackage hook, run with its shell from the service's project folder, then <c>dist</c> taken from
/// there. The folder <c>dist</c> is written to is a noexec file system in a private mount namespace, so
/// nothing published there can be executed, as on a machine that is not linux-x64 (macOS, Windows,
/// Linux arm64): packaging must not need to run the linux-x64 server. The uploaded zip is copied out.
/// Needs root (or CAP_SYS_ADMIN) for the mount namespace, as CI has.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    /// <summary>The exit code that says the noexec file system did not stop a program: the test would prove nothing.</summary>
    public const int ExecutionNotBlocked = 97;

    // $1 the folder of dist, $2 the project folder, $3 the hook's shell, $4 its script, $5 dist, $6 where the zip is copied.
    private const string Script = """
        set -e
        mount -t tmpfs -o noexec,mode=0755 billing-package "$1"
        printf '#!/bin/sh\nexit 0\n' > "$1/probe"
        chmod +x "$1/probe"
        if "$1/probe" 2>/dev/null; then exit 97; fi
        rm "$1/probe"
        cd "$2"
        "$3" -c "$4"
        cp "$5" "$6"
        """;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("billing-package-");

    public AzdProject Azd { get; } = AzdProject.Read();

    /// <summary>The zip azd would upload.</summary>
    public string Zip => Path.Combine(_work.FullName, "uploaded.zip");

    public Command.Outcome Package { get; private set; } = new(-1, "", "");

    public IReadOnlyDictionary<string, ZipEntryFacts> Entries { get; private set; } = new Dictionary<string, ZipEntryFacts>();

    public JsonObject HostJson { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var project = Path.GetFullPath(Path.Combine(Repository.Root, Azd.Project));
        var distFolder = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(project, Azd.Dist)))!;
        Directory.CreateDirectory(distFolder); // the mount point; its contents outside the namespace are not touched
        Package = await Command.RunAsync(
            "unshare",
            ["--mount", "--propagation", "private", "sh", "-c", Script, "sh", distFolder, project, Azd.PrepackageShell, Azd.PrepackageRun, Azd.Dist, Zip],
            Repository.Root,
            TimeSpan.FromMinutes(15));
        if (Package.ExitCode != 0)
        {
            return;
        }

        using var zip = ZipFile.OpenRead(Zip);
        Entries = zip.Entries.ToDictionary(e => e.FullName, e => new ZipEntryFacts(e.ExternalAttributes >> 16, e.Length));
        using var hostJson = zip.GetEntry("host.json")?.Open();
        if (hostJson is not null)
        {
            HostJson = JsonNode.Parse(hostJson)!.AsObject();
        }
    }

    public JsonObject ReadJson(string entry)
    {
        using var zip = ZipFile.OpenRead(Zip);
        using var stream = zip.GetEntry(entry)!.Open();
        return JsonNode.Parse(stream)!.AsObject();
    }

    public Task DisposeAsync()
    {
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>An entry of the zip: its Unix mode (type and permission bits) and its size.</summary>
public sealed record ZipEntryFacts(int UnixMode, long Length)
{
    public bool IsRegularFile => (UnixMode & 0xF000) == 0x8000;

    public bool IsExecutableByAll => (UnixMode & 0b001_001_001) == 0b001_001_001;
}
