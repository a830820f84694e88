namespace Grid.Protocol.Audit;

/// <summary>A force's statistics per partner.</summary>
public sealed record StatsView(string Force, PartnerStats[] Partners);
