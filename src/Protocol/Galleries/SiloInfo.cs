namespace Grid.Protocol.Galleries;

/// <summary>A silo of the grid and its membership status (shown to the operator only).</summary>
public sealed record SiloInfo(string Address, string Status);
