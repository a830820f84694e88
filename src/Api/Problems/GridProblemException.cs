using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Http;

namespace Grid.Api.Problems;

/// <summary>A request the front door refuses itself (before or instead of a grain call), as a problem with a stable code.</summary>
public sealed class GridProblemException(string code, int status, string detail, int? acknowledgedRows = null) : Exception(detail)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
    public int? AcknowledgedRows { get; } = acknowledgedRows;

    public static GridProblemException BadRequest(string code, string detail) => new(code, StatusCodes.Status400BadRequest, detail);

    public Problem ToProblem() => ProblemCatalog.Make(Code, Status, Message, AcknowledgedRows);
}
