using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Grid.Api.Endpoints;

/// <summary>Declares the grid's problem body (with its <c>code</c>) in the OpenAPI document for the given statuses.</summary>
public static class ProblemMetadata
{
    public static TBuilder ProducesGridProblem<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses) builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Problem), [Problem.MediaType]));
        return builder;
    }
}
