using System.Diagnostics;
using Billing.Core.Spaces;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// Plans that start in one organization (its own, a division's or a team's upgrade or trial) start one
/// at a time (U6, S4). Each reads the plans around it (other partitions, so outside its own transaction)
/// and stores its own: two at once could each see the other's space without a plan and both succeed,
/// billing the team's members twice. Holding the organization's lock (a blob lease of
/// <see cref="BlobLocks"/>) from that read until the write is stored, the second one reads what the
/// first one stored. A holder that dies frees the lock when its lease runs out.
/// </summary>
public sealed class PlanStarts(BlobLocks locks)
{
    // Another start holds the lock for as long as its charge and write take; a dead holder's lease runs out within a minute.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <returns>The organization's turn, held until disposed; null for a space in no organization (nothing to overlap).</returns>
    /// <exception cref="ConcurrencyConflictException">Another start held the organization's lock for longer than the patience.</exception>
    public async Task<HeldLock?> WaitTurnAsync(Space space, CancellationToken cancellationToken)
    {
        if (space.PlansOverlapWithin is not { } organization)
        {
            return null;
        }

        var since = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            if (await locks.TryTakeAsync($"plan-starts-{organization}", cancellationToken) is { } turn)
            {
                return turn;
            }

            if (Stopwatch.GetElapsedTime(since) > Patience)
            {
                throw new ConcurrencyConflictException($"Another plan was starting in organization {organization} for too long.");
            }

            await Task.Delay(Random.Shared.Next(20, 50 + (20 * Math.Min(attempt, 10))), cancellationToken);
        }
    }
}
