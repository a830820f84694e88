namespace Grid.Contracts.Errors;

/// <summary>An engine spec the grid does not know, or one it cannot re-index from (an engine that keeps no exact
/// float32 rows to rebuild another from).</summary>
[GenerateSerializer, Alias("grid.EngineRefusedException")]
public class EngineRefusedException : GridException
{
    public EngineRefusedException(string code, string message)
        : base(code, message)
    {
    }

    public EngineRefusedException(string code, string message, Exception inner)
        : base(code, message, inner)
    {
    }
}
