using System.Text.Json;
using Grid.Contracts.Errors;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Http;

namespace Grid.Api.Problems;

/// <summary>
/// Maps what a grain or the request pipeline threw to a problem with a stable code. The grid's own exceptions carry
/// messages written for the caller, so their message is the detail; anything unexpected becomes <c>internal</c> with
/// no detail (the silo logs it), so stack traces and internal names never leave the door.
/// </summary>
public static class ExceptionMapper
{
    public static (Problem Problem, bool Expected) Map(Exception e) => e switch
    {
        GridProblemException p => (p.ToProblem(), true),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } b => (Make(ProblemCodes.BodyTooLarge, 413, b.Message), true),
        BadHttpRequestException b => (Make(ProblemCodes.InvalidArgument, b.StatusCode, b.Message), true),
        JsonException j => (Make(ProblemCodes.MalformedJson, 400, JsonDetail(j)), true),
        ReviewRefusedException r => Review(r),
        GridAccessDeniedException or UnauthorizedAccessException => (Make(ProblemCodes.AccessDenied, 403, e.Message), true),
        InvalidTemplateException => (Make(ProblemCodes.InvalidTemplate, 400, e.Message), true),
        InvalidSubjectRefException => (Make(ProblemCodes.InvalidSubjectRef, 400, e.Message), true),
        Grid.Grains.Backup.ForceExistsException => (Make(ProblemCodes.ForceExists, 409, e.Message), true),
        Grid.Grains.Backup.BackupInvalidException => (Make(ProblemCodes.BackupInvalid, 400, e.Message), true),
        Grid.Grains.Backup.BackupUnsupportedException => (Make(ProblemCodes.BackupUnsupported, 409, e.Message), true),
        ModelMismatchException => (Make(ProblemCodes.ModelMismatch, 409, e.Message), true),
        GalleryNotFoundException => (Make(ProblemCodes.GalleryNotFound, 404, e.Message), true),
        GalleryConflictException => (Make(ProblemCodes.Conflict, 409, e.Message), true),
        ReindexRunningException => (Make(ProblemCodes.ReindexRunning, 409, e.Message), true),
        EngineRefusedException { Code: GridErrorCodes.ReindexUnsupported } => (Make(ProblemCodes.ReindexUnsupported, 409, e.Message), true),
        EngineRefusedException => (Make(ProblemCodes.UnknownEngine, 400, e.Message), true),
        StorageUnavailableException => (Make(ProblemCodes.StorageUnavailable, 503, e.Message), true),
        ForceSilosUnavailableException => (Make(ProblemCodes.ForceSilosUnavailable, 503, e.Message), true),
        AuditUnavailableException => (Make(ProblemCodes.AuditUnavailable, 503, e.Message), true),
        // Storage not answering where no grain said so itself (an activation reading grain state, say): retryable, not a bug.
        _ when Grid.Grains.Storage.StorageFailure.IsStorageFault(e) => (Make(ProblemCodes.StorageUnavailable, 503,
            $"Storage did not answer ({Grid.Grains.Storage.StorageFailure.Describe(e)}); nothing was acknowledged — retry shortly."), true),
        ArgumentException when e.Message.StartsWith("Search refused", StringComparison.Ordinal) => (Make(ProblemCodes.InvalidPurpose, 400, e.Message), true),
        ArgumentException or FormatException => (Make(ProblemCodes.InvalidArgument, 400, e.Message), true),
        KeyNotFoundException => (Make(ProblemCodes.NotFound, 404, e.Message), true),
        InvalidOperationException => (Make(ProblemCodes.Conflict, 409, e.Message), true),
        GridException => (Make(ProblemCodes.InvalidArgument, 400, e.Message), true),
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException =>
            (Make(ProblemCodes.Unavailable, 503, "The grid did not answer in time; retry shortly."), true),
        _ => (Make(ProblemCodes.Internal, 500, null), false),
    };

    private static (Problem, bool) Review(ReviewRefusedException e)
    {
        var (code, status) = ReviewProblems.Of(e.Reason);
        return (Make(code, status, e.Message), true);
    }

    private static Problem Make(string code, int status, string? detail) => ProblemCatalog.Make(code, status, detail);

    // The path and position help the caller; the exception's own message may name .NET types, so it is not echoed.
    private static string JsonDetail(JsonException e) =>
        $"The JSON body is malformed or does not match the schema{(e.Path is { Length: > 0 } path ? $" at {path}" : "")}" +
        $"{(e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "")}.";
}
