using Azure;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Storage;

/// <summary>A space's billing state as read, with the ETag of its row for the optimistic write that follows.</summary>
public sealed record StoredSpace(SpaceBilling State, ETag ETag);
