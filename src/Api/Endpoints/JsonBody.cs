using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Grid.Api.Limits;
using Grid.Api.Problems;
using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grid.Api.Endpoints;

/// <summary>Reads a JSON body under the front door's rules: <c>application/json</c> only (415 otherwise), at most
/// <see cref="GridApiOptions.MaxJsonBodyBytes"/> (413), and a body that parses into the record (400 malformed-json).</summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) where T : class
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<GridApiOptions>>().Value.MaxJsonBodyBytes;
        LimitBody(context, limit);
        if (!context.Request.HasJsonContentType())
            throw new GridProblemException(ProblemCodes.UnsupportedMediaType, StatusCodes.Status415UnsupportedMediaType,
                $"Send the body as application/json (got '{context.Request.ContentType ?? "none"}').");
        var value = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
        return value ?? throw GridProblemException.BadRequest(ProblemCodes.MalformedJson, "The JSON body is null.");
    }

    /// <summary>Caps this request's body (checked by Kestrel as it reads; a declared Content-Length over it is refused at once).</summary>
    public static void LimitBody(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
            throw new GridProblemException(ProblemCodes.BodyTooLarge, StatusCodes.Status413PayloadTooLarge,
                $"The body is {context.Request.ContentLength} bytes; this endpoint takes at most {limit}.");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
    }
}
