using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grid.Api.Problems;

/// <summary>The outermost middleware: any exception becomes a problem-details response (see <see cref="ExceptionMapper"/>),
/// and a cancelled request (the caller went away) is left alone.</summary>
public sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller hung up: nobody to answer.
        }
        catch (Exception e)
        {
            var (problem, expected) = ExceptionMapper.Map(e);
            if (expected) logger.LogInformation("{Method} {Path} refused: {Code} {Detail}", context.Request.Method, context.Request.Path, problem.Code, problem.Detail);
            else logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await ProblemWriter.WriteAsync(context, problem);
        }
    }
}
