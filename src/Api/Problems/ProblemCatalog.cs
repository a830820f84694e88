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
        [ProblemCodes.AuditUnavailable] = "The search could not be audited within its deadline, so it returns no candidates; retry after the time in Retry-After.",
        [ProblemCodes.Unavailable] = "The grid is not ready; retry shortly.",
        [ProblemCodes.CaseNotFound] = "No such review case (never opened, another force's, or deleted under retention).",
        [ProblemCodes.CandidateNotFound] = "The case has no candidate of that rank.",
        [ProblemCodes.FollowUpNotFound] = "No such follow-up (never asked, or deleted under retention).",
        [ProblemCodes.NotAReviewer] = "Only a reviewer of the case's force may record a decision.",
        [ProblemCodes.AlreadyDecidedByYou] = "You already decided on this candidate; four-eyes review needs a second reviewer.",
        [ProblemCodes.AlreadyDecided] = "The candidate already has every decision its agreement requires.",
        [ProblemCodes.NotConfirmed] = "Follow-up is asked only for a candidate confirmed as a possible match.",
        [ProblemCodes.OwnCandidate] = "The candidate is in your own gallery; there is no owner to ask.",
        [ProblemCodes.FollowUpExists] = "The candidate already has a follow-up.",
        [ProblemCodes.NotOwnerReviewer] = "Only a reviewer of the owner force may answer or extend a follow-up.",
        [ProblemCodes.AgreementNotActive] = "The agreement is not active; nothing may be asked or released under it.",
        [ProblemCodes.AlreadyAnswered] = "The follow-up was already released or declined.",
        [ProblemCodes.NoCoreData] = "No core data is recorded for the subject.",
        [ProblemCodes.ImagesNotShared] = "The owner's agreement does not share candidate images; compare templates only.",
        [ProblemCodes.NoImage] = "No reference image is attached to the subject.",
        [ProblemCodes.NotAnImage] = "The upload is not a JPEG or PNG image.",
        [ProblemCodes.InvalidReviewInput] = "The review or follow-up input breaks a rule.",
        [ProblemCodes.Internal] = "An unexpected error; the silo's log has the detail.",
        [ProblemCodes.ForceExists] = "The grid already holds this force; restore with --force to replace it.",
        [ProblemCodes.BackupInvalid] = "The backup cannot be restored here; nothing was written.",
        [ProblemCodes.UnknownEngine] = "The engine is not one the grid knows: exact, exact-int8[?rerank=float16|float32|codes] or faiss:FACTORY.",
        [ProblemCodes.ReindexRunning] = "A re-index of the gallery is still building; wait for it to finish.",
        [ProblemCodes.ReindexUnsupported] = "The gallery's engine keeps no exact rows to rebuild another engine from.",
        [ProblemCodes.BackupUnsupported] = "The force keeps its data in its own storage account; back that account up with blob snapshots.",
    };

    public static Problem Make(string code, int status, string? detail, int? acknowledgedRows = null) =>
        Problem.Of(code, status, Titles.GetValueOrDefault(code, code), detail, acknowledgedRows);
}
