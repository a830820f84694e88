using Grid.Api.Mapping;
using Grid.Api.Problems;
using Grid.Contracts.Review;
using Grid.Grains.Review;
using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using P = Grid.Protocol.Review;

namespace Grid.Api.Endpoints;

/// <summary>What an owner keeps about a subject besides its templates: core data and a reference image, in the owner's
/// storage, never searched or indexed. Set by the owner's enrollers; read by its enrollers and reviewers.
/// (<c>?ref=</c> carries the subjectRef, as removal does, so any printable subjectRef fits.)</summary>
public static class SubjectEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var subjects = api.MapGroup("/galleries/{force}/{name}/subjects").WithTags("Subjects");

        subjects.MapPut("/core-data", async (string force, string name, [FromQuery(Name = "ref")] string subjectRef, HttpContext http, IGrainFactory grains) =>
            {
                var data = await JsonBody.ReadAsync(http, Reply.Types.SubjectCoreData);
                await Subject(grains, force, name, subjectRef).SetCoreDataAsync(ReviewWire.ToContract(data));
                return TypedResults.NoContent();
            })
            .WithName("SetCoreData")
            .WithSummary("Sets a subject's core data (names, aliases, date of birth, nationality, sex, date and place of capture, offence, " +
                         "case number, authority). Released only by a follow-up. Enroller of the owner force.")
            .Accepts<P.SubjectCoreData>("application/json").ProducesGridProblem(400);

        subjects.MapGet("/core-data", async (string force, string name, [FromQuery(Name = "ref")] string subjectRef, IGrainFactory grains) =>
                await Subject(grains, force, name, subjectRef).GetCoreDataAsync() is { } data
                    ? Reply.Json(ReviewWire.ToWire(data), Reply.Types.SubjectCoreData)
                    : throw new GridProblemException(ProblemCodes.NoCoreData, StatusCodes.Status404NotFound, $"No core data is recorded for {subjectRef} in {force}/{name}."))
            .WithName("GetCoreData").WithSummary("A subject's core data. Enroller or reviewer of the owner force.")
            .Produces<P.SubjectCoreData>().ProducesGridProblem(404);

        subjects.MapPut("/image", async (string force, string name, [FromQuery(Name = "ref")] string subjectRef, HttpContext http, IGrainFactory grains,
                IOptions<ReviewOptions> options) =>
            {
                var image = await ReadImageAsync(http, options.Value.MaxImageBytes);
                await Subject(grains, force, name, subjectRef).SetImageAsync(image);
                return TypedResults.NoContent();
            })
            .WithName("SetSubjectImage")
            .WithSummary("Attaches a reference face image to a subject: the body is the JPEG or PNG itself (Content-Type image/jpeg or " +
                         "image/png, and the bytes must say the same; anything else, application/octet-stream included, is not-an-image), " +
                         "at most Grid:Review:MaxImageBytes. Enroller of the owner force.")
            // octet-stream is accepted so that a file of unknown type reaches the signature check and gets not-an-image.
            .Accepts<byte[]>("image/jpeg", "image/png", "application/octet-stream").ProducesGridProblem(400).ProducesGridProblem(413).ProducesGridProblem(415);

        subjects.MapGet("/image", async (string force, string name, [FromQuery(Name = "ref")] string subjectRef, HttpContext http, IGrainFactory grains) =>
                await Subject(grains, force, name, subjectRef).GetImageAsync() is { } image
                    ? Image(http, image)
                    : throw new GridProblemException(ProblemCodes.NoImage, StatusCodes.Status404NotFound, $"No reference image is attached to {subjectRef} in {force}/{name}."))
            .WithName("GetSubjectImage").WithSummary("A subject's reference image. Enroller or reviewer of the owner force.")
            .Produces(200, contentType: "image/jpeg", additionalContentTypes: ["image/png"]).ProducesGridProblem(404);
    }

    /// <summary>An image response nobody caches and no browser re-interprets.</summary>
    public static IResult Image(HttpContext http, CandidateImage image)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(image.Bytes, image.ContentType);
    }

    /// <summary>The body, capped, whose first bytes must be a JPEG's or PNG's and agree with its Content-Type: anything else is
    /// refused here, before a grain sees it, so nothing is stored.</summary>
    private static async Task<CandidateImage> ReadImageAsync(HttpContext http, int maxBytes)
    {
        JsonBody.LimitBody(http, maxBytes);
        var declared = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > maxBytes)
            throw new GridProblemException(ProblemCodes.BodyTooLarge, StatusCodes.Status413PayloadTooLarge, $"The image is {buffer.Length} bytes; the limit is {maxBytes}.");
        var bytes = buffer.ToArray();
        var sniffed = CandidateImage.Sniff(bytes);
        if (sniffed is null || sniffed != declared)
            throw new GridProblemException(ProblemCodes.NotAnImage, StatusCodes.Status415UnsupportedMediaType,
                sniffed is null
                    ? $"The body is not a JPEG or PNG (its first bytes say otherwise; Content-Type {declared ?? "none"}). Nothing was stored."
                    : $"The body is {sniffed} but Content-Type says {declared ?? "none"}. Nothing was stored.");
        return new CandidateImage(sniffed, bytes);
    }

    private static ISubjectRecordGrain Subject(IGrainFactory grains, string force, string name, string subjectRef)
    {
        if (string.IsNullOrEmpty(subjectRef))
            throw GridProblemException.BadRequest(ProblemCodes.InvalidSubjectRef, "Name the subject with ?ref=SUBJECTREF.");
        Grid.Contracts.Templates.SubjectRefRules.Validate(subjectRef);
        return grains.GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(Wire.Gallery(force, name), subjectRef));
    }
}
