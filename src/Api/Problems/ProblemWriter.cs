using System.Text.Json;
using Grid.Protocol.Errors;
using Grid.Protocol.Wire;
using Microsoft.AspNetCore.Http;

namespace Grid.Api.Problems;

/// <summary>Writes a problem-details body (source-generated JSON) unless the response has already started, with a
/// <c>Retry-After</c> where a retry may cure it (<see cref="RetryHint"/>).</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, Problem problem)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = problem.Status;
        if (RetryHint.For(problem) is { } retry && !context.Response.Headers.ContainsKey("Retry-After"))
            context.Response.Headers.RetryAfter = retry.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = Problem.MediaType;
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, GridJsonContext.Default.Problem, context.RequestAborted);
    }

    public static Task WriteAsync(HttpContext context, string code, int status, string? detail) =>
        WriteAsync(context, ProblemCatalog.Make(code, status, detail));
}
