namespace Grid.Contracts.Errors;

/// <summary>A search could not be audited within its deadline (the audit log's storage or silo did not acknowledge in
/// time), so it returns no candidates: a search is never answered unlogged. Nothing else changed; retry shortly.</summary>
[GenerateSerializer, Alias("grid.AuditUnavailableException")]
public class AuditUnavailableException : GridException
{
    public AuditUnavailableException(string message)
        : base(GridErrorCodes.AuditUnavailable, message)
    {
    }

    public AuditUnavailableException(string message, Exception inner)
        : base(GridErrorCodes.AuditUnavailable, message, inner)
    {
    }
}
