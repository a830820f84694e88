namespace Grid.Contracts.Review;

/// <summary>
/// One follow-up request at the owner [key <c>OWNER/REQUESTER.searchId.rank</c>, see <see cref="ReviewKeys"/>]. Opened by the requester's case; read
/// by either force's reviewers; released, declined or extended only by the owner's reviewers. A release sends the
/// subject's core data to the requesting case and nowhere else, and only while the agreement is active.
/// </summary>
public interface IFollowUpGrain : IGrainWithStringKey
{
    /// <summary>Silo-internal (the requester's case).</summary>
    Task<FollowUpView> OpenAsync(FollowUpView request);

    Task<FollowUpView> GetAsync();

    Task<FollowUpView> ReleaseAsync();

    Task<FollowUpView> DeclineAsync(string reason);

    /// <summary>Moves the deadline to <paramref name="until"/> while a judicial authorisation is sought (recorded with <paramref name="authorisation"/>).</summary>
    Task<FollowUpView> ExtendAsync(string authorisation, DateTimeOffset until);

    /// <summary>Silo-internal (the owner's case index): deletes the request once past retention. One-way: see the case's.</summary>
    [Orleans.Concurrency.OneWay]
    Task EnforceRetentionAsync();
}
