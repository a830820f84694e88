namespace Grid.Protocol.Errors;

/// <summary>The stable <c>code</c> of every problem-details error (RFC 9457) the API returns. Codes are part of the
/// contract: never rename one; add new ones.</summary>
public static class ProblemCodes
{
    /// <summary>401: no <c>Authorization: Bearer isg_…</c> header, or a key that is malformed, unknown or disabled.</summary>
    public const string Unauthenticated = "unauthenticated";
    /// <summary>403: the key is valid but its roles or agreements do not allow this.</summary>
    public const string AccessDenied = "access-denied";
    /// <summary>429: a per-key, per-force or per-address limit; see <c>Retry-After</c>.</summary>
    public const string RateLimited = "rate-limited";
    /// <summary>413: the body is larger than the limit for this endpoint.</summary>
    public const string BodyTooLarge = "body-too-large";
    /// <summary>415: the body's content type is not the one this endpoint takes.</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";
    /// <summary>400: the JSON body does not parse or does not match the schema.</summary>
    public const string MalformedJson = "malformed-json";
    /// <summary>400: the .npy part is not little-endian float32 [n, 512], or is cut short.</summary>
    public const string MalformedNpy = "malformed-npy";
    /// <summary>400: the multipart enrolment body lacks its subjects or templates part, or they disagree.</summary>
    public const string MalformedEnrolment = "malformed-enrolment";
    /// <summary>400: a value is out of range or malformed (k, limits, ids, names...).</summary>
    public const string InvalidArgument = "invalid-argument";
    /// <summary>400: a search names more galleries than one search may.</summary>
    public const string TooManyGalleries = "too-many-galleries";
    /// <summary>400: the search's purpose is incomplete.</summary>
    public const string InvalidPurpose = "invalid-purpose";
    /// <summary>400: a template is not 512 finite floats with a non-zero norm.</summary>
    public const string InvalidTemplate = "invalid-template";
    /// <summary>400: a subjectRef is empty, too long or not printable.</summary>
    public const string InvalidSubjectRef = "invalid-subject-ref";
    /// <summary>409: the template's model differs from the gallery's.</summary>
    public const string ModelMismatch = "model-mismatch";
    /// <summary>404: the gallery was never created.</summary>
    public const string GalleryNotFound = "gallery-not-found";
    /// <summary>404: no such resource (force, user, route).</summary>
    public const string NotFound = "not-found";
    /// <summary>409: exists already with other settings, or the state does not allow the change.</summary>
    public const string Conflict = "conflict";
    /// <summary>503: durable storage did not acknowledge; nothing was acknowledged.</summary>
    public const string StorageUnavailable = "storage-unavailable";
    /// <summary>503: a force's own silos are all down.</summary>
    public const string ForceSilosUnavailable = "force-silos-unavailable";
    /// <summary>503 with <c>Retry-After</c>: the search could not be audited within its deadline (audit storage or its
    /// silo is slow or down), so no candidates are returned; nothing changed, retry after the time given.</summary>
    public const string AuditUnavailable = "audit-unavailable";
    /// <summary>503: the grid is not ready (starting, or lost storage or the cluster).</summary>
    public const string Unavailable = "unavailable";
    /// <summary>500: an unexpected error; the silo log has the detail (the response does not).</summary>
    public const string Internal = "internal";
    /// <summary>404: the review case does not exist (never opened, another force's, or deleted under retention).</summary>
    public const string CaseNotFound = "case-not-found";
    /// <summary>404: the case has no candidate of that rank.</summary>
    public const string CandidateNotFound = "candidate-not-found";
    /// <summary>404: no such follow-up (never asked, or deleted under retention).</summary>
    public const string FollowUpNotFound = "follow-up-not-found";
    /// <summary>403: only a reviewer of the case's force may record a decision.</summary>
    public const string NotAReviewer = "not-a-reviewer";
    /// <summary>409: this reviewer already decided on this candidate; four-eyes needs a second person.</summary>
    public const string AlreadyDecidedByYou = "already-decided-by-you";
    /// <summary>409: the candidate already has every decision its agreement requires.</summary>
    public const string AlreadyDecided = "already-decided";
    /// <summary>409: follow-up only after every required reviewer said possible match.</summary>
    public const string NotConfirmed = "not-confirmed";
    /// <summary>409: the candidate is in the requester's own gallery; there is no owner to ask.</summary>
    public const string OwnCandidate = "own-candidate";
    /// <summary>409: the candidate already has a follow-up.</summary>
    public const string FollowUpExists = "follow-up-exists";
    /// <summary>403: only a reviewer of the owner force may release, decline or extend a follow-up.</summary>
    public const string NotOwnerReviewer = "not-owner-reviewer";
    /// <summary>409: the agreement is not active (suspended, revoked, expired): no follow-up under it.</summary>
    public const string AgreementNotActive = "agreement-not-active";
    /// <summary>409: the follow-up was already released or declined.</summary>
    public const string AlreadyAnswered = "already-answered";
    /// <summary>409: the owner holds no core data for the subject; enter it first, or decline.</summary>
    public const string NoCoreData = "no-core-data";
    /// <summary>403: the owner's agreement does not share candidate images (now); compare templates only.</summary>
    public const string ImagesNotShared = "images-not-shared";
    /// <summary>404: the owner attached no reference image to the subject.</summary>
    public const string NoImage = "no-image";
    /// <summary>415: the upload is not a JPEG or PNG (its first bytes say otherwise); nothing was stored.</summary>
    public const string NotAnImage = "not-an-image";
    /// <summary>400: the review or follow-up input breaks a rule (note length, facts, core data fields...).</summary>
    public const string InvalidReviewInput = "invalid-review-input";
    /// <summary>Client side only: a bulk enrolment stopped part-way (see <c>acknowledgedRows</c>).</summary>
    public const string EnrolmentInterrupted = "enrolment-interrupted";

    /// <summary>409: a restore into a grid that already holds the force, without <c>--force</c>; nothing was written.</summary>
    public const string ForceExists = "force-exists";

    /// <summary>400: a backup that is altered, truncated or sealed under another grid's cluster secret; nothing was written.</summary>
    public const string BackupInvalid = "backup-invalid";

    /// <summary>409: a backup of a force that keeps its data in its own storage account, which the API's backup does not cover.</summary>
    public const string BackupUnsupported = "backup-unsupported";

    /// <summary>400: the engine spec is not one the grid knows (exact, exact-int8[?rerank=...], faiss:FACTORY).</summary>
    public const string UnknownEngine = "unknown-engine";

    /// <summary>409: a re-index of the gallery is still building; wait for it (the gallery's status shows progress).</summary>
    public const string ReindexRunning = "reindex-running";

    /// <summary>409: the gallery's engine keeps no exact float32 rows to rebuild another engine from (only exact galleries re-index).</summary>
    public const string ReindexUnsupported = "reindex-unsupported";
}
