namespace Helsefellesskap.Functions.Common;

/// <summary>
/// A clock that runs at the system's pace but can be set to any instant, forwards or backwards: the
/// dev clock of a local demo and the clock of the tests. Production uses <see cref="TimeProvider.System"/>.
/// </summary>
public sealed class AdjustableClock(TimeProvider? source = null) : TimeProvider
{
    private readonly TimeProvider source = source ?? System;
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => source.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public override TimeZoneInfo LocalTimeZone => Oslo.Zone;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref offsetTicks, (now - source.GetUtcNow()).Ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
