namespace Billing.Functions.Decisions;

/// <summary>
/// The clock of test mode (<c>Billing__Clock=test</c>): the system's time until an operator sets it
/// (<c>PUT /api/operations/clock</c>), then frozen at that instant, so that renewals can be tried
/// on demand. Held in memory: test mode is for a single local instance.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _frozenAt;

    public override DateTimeOffset GetUtcNow() => _frozenAt ?? base.GetUtcNow();

    public void Set(DateTimeOffset now) => _frozenAt = now.ToUniversalTime();
}
