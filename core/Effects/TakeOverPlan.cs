using Billing.Core.Common;

namespace Billing.Core.Effects;

/// <summary>
/// U11: the plan of <see cref="Team"/> (a team or division) is taken over by <see cref="By"/>, whose
/// upgrade was stored with this effect in its outbox: end the team's plan as of <see cref="At"/>, refund
/// its unused part with a credit note, and email its billing owner. Carried out as a write of the
/// team's own, which changes nothing the second time, so the outbox may repeat it.
/// </summary>
public sealed record TakeOverPlan(SpaceId Team, SpaceId By, DateTimeOffset At) : Effect;
