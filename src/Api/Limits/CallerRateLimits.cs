using System.Threading.RateLimiting;
using Grid.Api.Authentication;
using Grid.Api.Problems;
using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Grid.Api.Limits;

/// <summary>Per-key and per-force token buckets, chained (a request needs a token from both). Requests that are not
/// signed in (health, OpenAPI, refusals) are not counted here; failed sign-ins have their own per-address limit.</summary>
public static class CallerRateLimits
{
    public static void Configure(RateLimiterOptions limiter, GridApiOptions options)
    {
        var perKey = PartitionedRateLimiter.Create<HttpContext, string>(context => GridCaller.Find(context) is { } caller
            ? RateLimitPartition.GetTokenBucketLimiter("key:" + caller.KeyId, _ => Bucket(options.PerKeyRequestsPerSecond, options.PerKeyBurst))
            : RateLimitPartition.GetNoLimiter("anonymous"));
        var perForce = PartitionedRateLimiter.Create<HttpContext, string>(context => GridCaller.Find(context) is { } caller
            ? RateLimitPartition.GetTokenBucketLimiter("force:" + caller.ForcePartition, _ => Bucket(options.PerForceRequestsPerSecond, options.PerForceBurst))
            : RateLimitPartition.GetNoLimiter("anonymous"));
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perKey, perForce);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (rejected, _) =>
        {
            var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retry.TotalSeconds)).ToString("0");
            await ProblemWriter.WriteAsync(rejected.HttpContext, ProblemCodes.RateLimited, StatusCodes.Status429TooManyRequests,
                "This key or its force is over its request rate; retry after the time in Retry-After.");
        };
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
