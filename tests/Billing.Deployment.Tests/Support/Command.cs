using System.Diagnostics;

namespace Billing.Deployment.Tests.Support;

/// <summary>Runs a program to the end (or kills it at the time limit) and keeps what it printed.</summary>
public static class Command
{
    public sealed record Outcome(int ExitCode, string Output, string Errors)
    {
        public string All => Output + Errors;
    }

    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The tests run with the emulators' settings in their environment; what is built must not depend on them.
        start.Environment.Remove("Storage__ConnectionString");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran longer than {limit}.");
        }

        return new Outcome(process.ExitCode, await output, await errors);
    }
}
