using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Billing.Functions.Web;

/// <summary>
/// The built files of <c>web/</c>, embedded in this assembly as <c>web/{name}</c> resources (see the
/// project file), read once and kept in memory with their gzip form and a content hash for the ETag:
/// the whole set is a few tens of kilobytes.
/// </summary>
public sealed class WebAssets
{
    private const string Prefix = "web/";

    private readonly FrozenDictionary<string, Asset> _assets;

    public WebAssets()
    {
        var assembly = typeof(WebAssets).Assembly;
        _assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                return Asset.Of(n[Prefix.Length..], bytes.ToArray());
            })
            .ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>Every asset, for the size figure of docs/BENCHMARKS.md.</summary>
    public IEnumerable<Asset> All => _assets.Values;

    public Asset? Find(string name) => _assets.GetValueOrDefault(name);

    public sealed record Asset(string Name, string ContentType, byte[] Bytes, byte[] Gzipped, string ETag)
    {
        public static Asset Of(string name, byte[] bytes)
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize))
            {
                gzip.Write(bytes);
            }

            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".map" => "application/json",
                _ => "application/octet-stream",
            };
            return new Asset(name, type, bytes, packed.ToArray(), $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
    }
}
