using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Grid.Api.Problems;

/// <summary>Bodies for the statuses routing and the framework answer without one (unknown route, wrong method...).</summary>
public static class StatusProblems
{
    public static Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var code = context.Response.StatusCode switch
        {
            401 => ProblemCodes.Unauthenticated,
            403 => ProblemCodes.AccessDenied,
            404 => ProblemCodes.NotFound,
            413 => ProblemCodes.BodyTooLarge,
            415 => ProblemCodes.UnsupportedMediaType,
            429 => ProblemCodes.RateLimited,
            >= 500 => ProblemCodes.Internal,
            _ => ProblemCodes.InvalidArgument,
        };
        return ProblemWriter.WriteAsync(context, code, context.Response.StatusCode, null);
    }
}
