using System.Collections.Immutable;
using Grid.Contracts.Audit;

namespace Grid.Grains.Audit;

/// <summary>
/// The first record of every audit segment: the sequence and hash the segment's first entry links to,
/// and the statistics counted over every entry before it. Carrying the counts here keeps the statistics
/// all-time after retention deletes the segments that held those entries.
/// </summary>
public sealed record AuditAnchor(long Seq, string Hash, ImmutableArray<PartnerStats> Stats);
