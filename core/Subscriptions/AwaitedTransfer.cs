using System.Collections.Immutable;
using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>
/// An invoice of a plan paid by invoice that waits for its bank transfer (I1, I4): when it falls due,
/// and how many of the reminders (the policy's days after the due date) were sent. Overdue from the
/// first reminder on, which falls on the due date by default.
/// </summary>
public sealed record AwaitedTransfer(InvoiceId Invoice, DateTimeOffset DueAt, int RemindersSent)
{
    public bool IsOverdue => RemindersSent > 0;

    /// <summary>When the next reminder is due, or null when every one was sent.</summary>
    public DateTimeOffset? NextReminderAt(ImmutableArray<int> reminderDays) =>
        RemindersSent < reminderDays.Length ? DueAt.AddDays(reminderDays[RemindersSent]) : null;

    /// <summary>How many reminders are due by <paramref name="now"/>: a run that comes late sends the latest one only, and counts the ones it skipped as sent.</summary>
    public int RemindersDueBy(DateTimeOffset now, ImmutableArray<int> reminderDays) =>
        Math.Max(RemindersSent, reminderDays.Count(days => DueAt.AddDays(days) <= now));
}
