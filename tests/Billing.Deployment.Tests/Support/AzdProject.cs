using YamlDotNet.RepresentationModel;

namespace Billing.Deployment.Tests.Support;

/// <summary>What azd reads from azure.yaml for the function app service: where the package comes from and which hook builds it.</summary>
public sealed record AzdProject(string RequiredAzd, string Project, string Language, string Host, string Dist, string PrepackageShell, string PrepackageRun)
{
    public const string Service = "api";

    public static AzdProject Read()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(Repository.Root, "azure.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var service = Mapping(Mapping(root, "services"), Service);
        var prepackage = Mapping(Mapping(service, "hooks"), "prepackage");
        return new AzdProject(
            Scalar(Mapping(root, "requiredVersions"), "azd"),
            Scalar(service, "project"),
            Scalar(service, "language"),
            Scalar(service, "host"),
            Scalar(service, "dist"),
            Scalar(prepackage, "shell"),
            Scalar(prepackage, "run"));
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode mapping
            ? mapping
            : throw new InvalidOperationException($"azure.yaml has no mapping '{key}' where azd expects one.");

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode { Value: { } value }
            ? value
            : throw new InvalidOperationException($"azure.yaml has no value '{key}' where azd expects one.");
}
