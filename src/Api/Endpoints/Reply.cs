using System.Text.Json.Serialization.Metadata;
using Grid.Protocol.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grid.Api.Endpoints;

/// <summary>Responses in the wire's source-generated JSON.</summary>
public static class Reply
{
    public static GridJsonContext Types => GridJsonContext.Default;

    public static JsonHttpResult<T> Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, type, statusCode: status);
}
