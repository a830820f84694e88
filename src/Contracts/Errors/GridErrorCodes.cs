namespace Grid.Contracts.Errors;

/// <summary>
/// The stable code of each kind of <see cref="GridException"/>: what scripts, the CLI's <c>--json</c> and the API's
/// problem details match on, whatever the message says. Part of the grid's contract: add codes, never rename one.
/// </summary>
public static class GridErrorCodes
{
    /// <summary>A grid error without a more specific kind.</summary>
    public const string Failed = "grid-error";

    public const string AccessDenied = "access-denied";
    public const string GalleryNotFound = "gallery-not-found";
    public const string GalleryConflict = "gallery-conflict";
    public const string InvalidSubjectRef = "invalid-subject-ref";
    public const string InvalidTemplate = "invalid-template";
    public const string ModelMismatch = "model-mismatch";
    public const string StorageUnavailable = "storage-unavailable";
    public const string ForceSilosUnavailable = "force-silos-unavailable";
    public const string UnknownEngine = "unknown-engine";
    public const string ReindexRunning = "reindex-running";
    public const string ReindexUnsupported = "reindex-unsupported";
    public const string AuditUnavailable = "audit-unavailable";
}
