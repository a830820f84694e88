using Grid.Contracts.Errors;

namespace Grid.Contracts.Identity;

/// <summary>
/// The caller is not allowed to do this: unknown or disabled key, a client calling an internal
/// grain, a forged internal ticket, a missing role. Serializable so clients see the reason.
/// </summary>
[GenerateSerializer, Alias("grid.access-denied")]
public sealed class GridAccessDeniedException : GridException
{
    public GridAccessDeniedException(string message)
        : base(GridErrorCodes.AccessDenied, message)
    {
    }
}
