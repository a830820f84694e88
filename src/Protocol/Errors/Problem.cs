namespace Grid.Protocol.Errors;

/// <summary>An RFC 9457 problem-details body (<c>application/problem+json</c>) with the grid's stable <see cref="Code"/>.</summary>
/// <param name="Type">A URI naming the kind of problem (<c>urn:grid:problem:CODE</c>).</param>
/// <param name="Title">A short summary of the kind.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">What went wrong in this request and what to do.</param>
/// <param name="Code">One of <see cref="ProblemCodes"/>.</param>
/// <param name="AcknowledgedRows">Bulk enrolment only: rows durably enrolled before the failure (resend from there).</param>
public sealed record Problem(string Type, string Title, int Status, string? Detail, string Code, int? AcknowledgedRows = null)
{
    /// <summary>The media type of problem bodies.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>A problem of kind <paramref name="code"/>.</summary>
    public static Problem Of(string code, int status, string title, string? detail, int? acknowledgedRows = null) =>
        new($"urn:grid:problem:{code}", title, status, detail, code, acknowledgedRows);
}
