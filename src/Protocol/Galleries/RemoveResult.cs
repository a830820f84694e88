namespace Grid.Protocol.Galleries;

/// <summary>How many templates a removal took out (0: the subject was not enrolled).</summary>
public sealed record RemoveResult(int TemplatesRemoved);
