namespace Grid.Protocol.Search;

/// <summary>A possible match for an examiner to review — never an identification.</summary>
public sealed record Candidate(string Force, string Gallery, string SubjectRef, float Score, int Rank);
