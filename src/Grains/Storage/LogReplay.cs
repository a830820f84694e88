namespace Grid.Grains.Storage;

/// <summary>What a log replay found: whole frames read, their bytes, and whether a damaged tail was ignored.</summary>
public sealed class LogReplay
{
    public long Records { get; set; }
    public long ValidBytes { get; set; }
    public bool TornTail { get; set; }
}
