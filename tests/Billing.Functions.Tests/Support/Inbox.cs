using System.Text.Json;

namespace Billing.Functions.Tests.Support;

/// <summary>What the real maildev SMTP server received, read through its REST API (<c>/api/email</c>).</summary>
public sealed class Inbox : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri(Environment.GetEnvironmentVariable("MAILDEV_API")
            ?? throw new InvalidOperationException("MAILDEV_API is not set: run the tests with ./scripts/test.sh, which starts maildev.")),
    };

    /// <summary>
    /// Every message sent to <paramref name="address"/>, waiting up to 20 seconds for ones still on
    /// their way (delivery runs after the answer; a machine busy with other work can take seconds).
    /// </summary>
    public async Task<List<JsonElement>> ToAsync(string address, int atLeast = 1)
    {
        for (var wait = 0; ; wait++)
        {
            var all = JsonDocument.Parse(await _http.GetStringAsync("/api/email")).RootElement.EnumerateArray().Select(e => e.Clone());
            var mine = all.Where(e => e.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == address)).ToList();
            if (mine.Count >= atLeast || wait == 200)
            {
                return mine;
            }

            await Task.Delay(100);
        }
    }

    public void Dispose() => _http.Dispose();
}
