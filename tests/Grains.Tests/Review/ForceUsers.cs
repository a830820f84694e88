using Grid.Contracts.Identity;

namespace Grid.Grains.Tests.Review;

/// <summary>The API keys of one test force's users, one role each (two reviewers for four-eyes).</summary>
public sealed record ForceUsers(
    ForceId Id, string Admin, string Searcher, string Enroller, string Reviewer1, string Reviewer2, string Agreements, string Auditor);
