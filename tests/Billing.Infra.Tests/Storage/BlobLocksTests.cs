using Billing.Infra.Storage;

namespace Billing.Infra.Tests.Storage;

/// <summary>The renewal schedule's lock outside the Functions host: one holder at a time, across instances (R2).</summary>
public class BlobLocksTests(AzuriteStorage azurite) : IClassFixture<AzuriteStorage>
{
    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_lock_is_held_by_one_instance_at_a_time_and_free_again_once_released()
    {
        var name = $"test-{Guid.NewGuid():N}";
        var one = new BlobLocks(azurite.Storage.Locks);
        var other = new BlobLocks(azurite.Storage.Locks);

        var held = await one.TryTakeAsync(name, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await other.TryTakeAsync(name, CancellationToken.None));

        await held.DisposeAsync();
        await using var next = await other.TryTakeAsync(name, CancellationToken.None);
        Assert.NotNull(next);
    }
}
