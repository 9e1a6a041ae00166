using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;
using Billing.Infra.Storage;

namespace Billing.Functions.Endpoints;

/// <summary>The product's directory keeping spaces and members in sync (S3; <c>billing.directory</c> only).</summary>
public static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectory(this RouteGroupBuilder api)
    {
        api.MapPut("/spaces/{spaceId}", PutSpace).WithName("PutSpace");
        api.MapPut("/spaces/{spaceId}/members/{userId}", PutMember).WithName("PutMember");
        api.MapDelete("/spaces/{spaceId}/members/{userId}", RemoveMember).WithName("RemoveMember");
        return api;
    }

    private static async Task<IResult> PutSpace(string spaceId, SpaceBody? body, HttpContext http, DecisionRunner runner, SpaceStore store, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        // Authorized before the space is looked up or the body read: no answer tells a space that exists from one that does not.
        if (Access.RequireDirectory(caller) is { } denied)
        {
            return Problems.From(denied);
        }

        var errors = new FieldErrors();
        var space = BodyReaders.Space(id, body, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (caller.Has(ServiceRoles.Directory) && space.OrganizationId is { } organization)
        {
            // The index of an organization's teams (U6); harmless if the team is then refused.
            await store.RecordTeamAsync(organization, space.Id, cancellationToken);
        }

        return await runner.RunAsync(
            new DecisionRequest(id, (state, context) => SpaceDirectory.PutSpace(state, space, caller, context), d => new Answer(StatusCodes.Status200OK, SpaceView.Of(d.State))),
            RequestContext.RequestId(http),
            cancellationToken);
    }

    private static async Task<IResult> PutMember(string spaceId, string userId, MemberBody? body, HttpContext http, DecisionRunner runner, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        // Authorized before the space is looked up or the body read: no answer tells a space that exists from one that does not.
        if (Access.RequireDirectory(caller) is { } denied)
        {
            return Problems.From(denied);
        }

        var errors = new FieldErrors();
        var user = errors.User("userId", userId);
        var member = BodyReaders.Member(user, body, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return await runner.RunAsync(
            new DecisionRequest(
                id,
                (state, context) => state is null ? Errors.NotFound() : SpaceDirectory.PutMember(state, member, caller, context),
                d => new Answer(StatusCodes.Status200OK, SpaceView.Of(d.State))),
            RequestContext.RequestId(http),
            cancellationToken);
    }

    private static async Task<IResult> RemoveMember(string spaceId, string userId, HttpContext http, DecisionRunner runner, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        // Authorized before the space is looked up or the body read: no answer tells a space that exists from one that does not.
        if (Access.RequireDirectory(caller) is { } denied)
        {
            return Problems.From(denied);
        }

        if (!UserId.TryParse(userId, out var user))
        {
            return Problems.Invalid("userId", "An id of 1 to 64 characters from [A-Za-z0-9_-].");
        }

        return await runner.RunAsync(
            new DecisionRequest(
                id,
                (state, context) => state is null ? Errors.NotFound() : SpaceDirectory.RemoveMember(state, user, caller, context),
                d => new Answer(StatusCodes.Status200OK, SpaceView.Of(d.State))),
            RequestContext.RequestId(http),
            cancellationToken);
    }
}
