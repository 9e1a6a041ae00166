using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Endpoints;

/// <summary>
/// The product's directory keeping spaces and members in sync (S3; <c>billing.directory</c> only).
/// Each is authorized before the space is looked up or the body read: no answer tells a space that
/// exists from one that does not.
/// </summary>
public static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectory(this RouteGroupBuilder space)
    {
        var directory = space.MapGroup("").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        directory.MapPut("", PutSpace).WithName("PutSpace");
        directory.MapPut("/members/{userId}", PutMember).WithName("PutMember");
        directory.MapDelete("/members/{userId}", RemoveMember).WithName("RemoveMember");
        return space;
    }

    private static async Task<Results<Ok<SpaceView>, Replayed, ApiProblem>> PutSpace([AsParameters] SpaceRequest request, SpaceBody? body, TeamIndex teams, PlanStarts planStarts)
    {
        var (caller, id, problem) = ReadAsDirectory(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var space = BodyReaders.Space(id, body, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (space.OrganizationId is { } organization)
        {
            // The index of an organization's teams and divisions, and of a division's teams (U6, S4); harmless if
            // the space is then refused. A team that leaves a division stays listed there: readers check the team's own row.
            await teams.RecordAsync(organization, space.Id, request.CancellationToken);
            if (space.DivisionId is { } division)
            {
                await teams.RecordAsync(division, space.Id, request.CancellationToken);
            }
        }

        // A team moving into a division reads the plans above it where it goes (S4), while no plan starts in the organization.
        var movesIn = space.DivisionId is { } into && (await request.Reader.LoadAsync(id, request.CancellationToken))?.Space.DivisionId != into;
        await using var turn = movesIn ? await planStarts.WaitTurnAsync(space, request.CancellationToken) : null;
        var surroundings = movesIn ? await request.Reader.SurroundingsAsync(space, request.CancellationToken) : SpaceSurroundings.None;
        return await Decide(request, id, (state, context) => SpaceDirectory.PutSpace(state, space, surroundings, caller, context));
    }

    private static async Task<Results<Ok<SpaceView>, Replayed, ApiProblem>> PutMember([AsParameters] SpaceRequest request, string userId, MemberBody? body)
    {
        var (caller, id, problem) = ReadAsDirectory(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var user = errors.User("userId", userId);
        var member = BodyReaders.Member(user, body, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await request.Reader.LoadAsync(id, request.CancellationToken) is { Space.Kind: SpaceKind.Division })
        {
            // S4: a member whose team still has a plan of its own counts for the division once that plan's period ends.
            var teams = await request.Reader.TeamsOfDivisionAsync(id, request.CancellationToken);
            member = member with { PaidByTeamUntil = DivisionMoves.PaidByTeamUntil(user, teams) };
        }

        return await Decide(request, id, (state, context) => state is null ? Errors.NotFound() : SpaceDirectory.PutMember(state, member, caller, context));
    }

    private static async Task<Results<Ok<SpaceView>, Replayed, ApiProblem>> RemoveMember([AsParameters] SpaceRequest request, string userId)
    {
        var (caller, id, problem) = ReadAsDirectory(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!UserId.TryParse(userId, out var user))
        {
            return Problems.Invalid("userId", "An id of 1 to 64 characters from [A-Za-z0-9_-].");
        }

        return await Decide(request, id, (state, context) => state is null ? Errors.NotFound() : SpaceDirectory.RemoveMember(state, user, caller, context));
    }

    private static (Caller Caller, SpaceId Space, ApiProblem? Problem) ReadAsDirectory(SpaceRequest request)
    {
        var (caller, id, problem) = request.Read();
        return (caller, id, problem ?? (Access.RequireDirectory(caller) is { } denied ? Problems.From(denied) : null));
    }

    private static Task<Results<Ok<SpaceView>, Replayed, ApiProblem>> Decide(
        SpaceRequest request, SpaceId id, Func<SpaceBilling?, DecisionContext, Result<Decision>> decide) =>
        request.RunAsync(new DecisionRequest<SpaceView>(id, decide, d => SpaceView.Of(d.State)), TypedResults.Ok);
}
