using Grid.Protocol.Errors;

namespace Grid.Client;

/// <summary>A bulk enrolment stopped part-way. Rows before <see cref="AcknowledgedRows"/> are durably enrolled;
/// resend from that row (enrolment is idempotent: a row already stored is recognised and skipped).</summary>
public sealed class BulkEnrolInterruptedException(int acknowledgedRows, int totalRows, Exception inner)
    : GridException(ProblemCodes.EnrolmentInterrupted, (inner as GridException)?.Status ?? 0,
        $"Enrolment stopped after {acknowledgedRows} of {totalRows} rows were acknowledged: {inner.Message} " +
        $"Rows 0..{acknowledgedRows - 1} are enrolled; resend from row {acknowledgedRows} (gridctl enrol ... --skip {acknowledgedRows}).", inner)
{
    /// <summary>Rows durably enrolled, from the start of the file.</summary>
    public int AcknowledgedRows { get; } = acknowledgedRows;

    /// <summary>Rows in the whole enrolment.</summary>
    public int TotalRows { get; } = totalRows;
}
