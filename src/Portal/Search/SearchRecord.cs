using Grid.Protocol.Search;

namespace Grid.Portal.Search;

/// <summary>A search this session made: the purpose, the probe face's aligned crop (kept so the examiner can compare;
/// the full photo is gone) and the grid's answer.</summary>
public sealed record SearchRecord(
    string Id,
    DateTimeOffset At,
    SearchPurpose Purpose,
    int FaceIndex,
    int ProbeQuality,
    byte[] ProbeCropPng,
    SearchResponse Response,
    double LatencyMs,
    string ModelId);
