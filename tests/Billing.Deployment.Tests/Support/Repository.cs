using System.Reflection;
using System.Runtime.Versioning;

// The bicep binary and the package are linux-x64.
[assembly: SupportedOSPlatform("linux")]

namespace Billing.Deployment.Tests.Support;

/// <summary>Where things are: the repository, and the bicep binary of the Azure.Bicep.CommandLine package (set at build time).</summary>
public static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string AzureInfra { get; } = Path.Combine(Root, "infra", "azure");

    public static string Bicep { get; } = Metadata("Bicep");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The build did not set {key}.");
}
