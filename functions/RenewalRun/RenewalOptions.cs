using System.ComponentModel.DataAnnotations;

namespace Billing.Functions.RenewalRun;

/// <summary>How the renewal run is scheduled and bounded (<c>Renewals__*</c>).</summary>
public sealed class RenewalOptions
{
    public const string Section = "Renewals";

    /// <summary>NCRONTAB with seconds, as the Functions timer trigger reads it; the generated function.json carries the same.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */5 * * * *";

    /// <summary>Outside the Functions host, whether this server runs the schedule itself (under a blob lease).</summary>
    public bool RunOnSchedule { get; set; } = true;

    /// <summary>Spaces one invocation renews itself; beyond that, the rest is fanned out to the queue.</summary>
    [Range(1, 1_000_000)]
    public int InlineLimit { get; set; } = 500;

    /// <summary>Spaces per queue message when fanning out.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Spaces one invocation renews at the same time (each one's steps stay in order).</summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = 8;

    /// <summary>Time one invocation may spend before it stops at a checkpoint (the host's limit is 10 minutes).</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromMinutes(8);
}
