using Billing.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Billing.Functions.Http;

/// <summary>
/// The problem answers an operation gives, declared on its route (or its group) so that the OpenAPI
/// document lists each status as <c>application/problem+json</c>, described by the stable codes of
/// API.md that answer with it. The statuses of an <see cref="ApiProblem"/> vary with the decision, so
/// its type alone cannot say them.
/// </summary>
public static class ProblemAnswers
{
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            var type = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, type, [Problems.ContentType]));
        }

        return builder;
    }

    /// <summary>Describes each problem answer of <paramref name="operation"/> by its codes (an OpenAPI operation transformer).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse problem && problem.Content?.ContainsKey(Problems.ContentType) == true
                && int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                problem.Description = Describe(code);
            }
        }

        return Task.CompletedTask;
    }

    private static string Describe(int status) =>
        "A problem: " + string.Join(", ", Enum.GetValues<ErrorCode>().Where(code => Problems.StatusOf(code) == status).Select(code => code.ToApiCode()));
}
