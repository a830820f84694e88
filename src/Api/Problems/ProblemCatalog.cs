using Grid.Protocol.Errors;

namespace Grid.Api.Problems;

/// <summary>The title of each problem code, so every response of one kind reads the same.</summary>
public static class ProblemCatalog
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        [ProblemCodes.Unauthenticated] = "Sign-in required: send Authorization: Bearer isg_… with a valid key.",
        [ProblemCodes.AccessDenied] = "The key's roles or agreements do not allow this.",
        [ProblemCodes.RateLimited] = "Too many requests; retry after the time in Retry-After.",
        [ProblemCodes.BodyTooLarge] = "The request body is larger than this endpoint accepts.",
        [ProblemCodes.UnsupportedMediaType] = "The request body's content type is not accepted here.",
        [ProblemCodes.MalformedJson] = "The JSON body does not parse or does not match the schema.",
        [ProblemCodes.MalformedNpy] = "The .npy templates are not little-endian float32 [n, 512].",
        [ProblemCodes.MalformedEnrolment] = "The enrolment body is not a subjects part followed by a templates part that agree.",
        [ProblemCodes.InvalidArgument] = "A value is out of range or malformed.",
        [ProblemCodes.TooManyGalleries] = "The search names more galleries than one search may.",
        [ProblemCodes.InvalidPurpose] = "The search's purpose is incomplete.",
        [ProblemCodes.InvalidTemplate] = "A template is not 512 finite floats with a non-zero norm.",
        [ProblemCodes.InvalidSubjectRef] = "A subjectRef is empty, too long or not printable.",
        [ProblemCodes.ModelMismatch] = "The templates' face model differs from the gallery's.",
        [ProblemCodes.GalleryNotFound] = "The gallery does not exist.",
        [ProblemCodes.NotFound] = "No such resource.",
        [ProblemCodes.Conflict] = "The current state does not allow this.",
        [ProblemCodes.StorageUnavailable] = "Durable storage did not acknowledge; nothing was acknowledged.",
        [ProblemCodes.ForceSilosUnavailable] = "The force's own silos are all down.",
        [ProblemCodes.Unavailable] = "The grid is not ready; retry shortly.",
        [ProblemCodes.Internal] = "An unexpected error; the silo's log has the detail.",
        [ProblemCodes.ForceExists] = "The grid already holds this force; restore with --force to replace it.",
        [ProblemCodes.BackupInvalid] = "The backup cannot be restored here; nothing was written.",
    };

    public static Problem Make(string code, int status, string? detail, int? acknowledgedRows = null) =>
        Problem.Of(code, status, Titles.GetValueOrDefault(code, code), detail, acknowledgedRows);
}
