using Grid.Protocol.Audit;
using Grid.Protocol.Identity;
using Grid.Protocol.Sharing;

namespace Grid.Client;

/// <summary>Forces, users, sharing agreements and audit: the administrators' side of the client.</summary>
public sealed partial class GridClient
{
    /// <inheritdoc />
    public Task<ApiKeyIssued> CreateForceAsync(string force, string displayName, string adminUser, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/forces", Json(new CreateForceRequest(force, displayName, adminUser), Types.CreateForceRequest), Types.ApiKeyIssued, cancellationToken);

    /// <inheritdoc />
    public Task<ForceView[]> ListForcesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/forces", null, Types.ForceViewArray, cancellationToken);

    /// <inheritdoc />
    public Task<string[]> ListMemberIdsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/members", null, Types.StringArray, cancellationToken);

    /// <inheritdoc />
    public Task<ApiKeyIssued> AddUserAsync(string force, string user, Role roles, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/forces/{Segment(force)}/users",
            Json(new CreateUserRequest(user, RoleNames.ToNames(roles)), Types.CreateUserRequest), Types.ApiKeyIssued, cancellationToken);

    /// <inheritdoc />
    public Task<UserView[]> ListUsersAsync(string force, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/forces/{Segment(force)}/users", null, Types.UserViewArray, cancellationToken);

    /// <inheritdoc />
    public async Task DisableUserAsync(string force, string user, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"v1/forces/{Segment(force)}/users/{Segment(user)}/disable", null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AgreementView> GetAgreementAsync(AgreementKey key, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, AgreementPath(key), null, Types.AgreementView, cancellationToken);

    /// <inheritdoc />
    public Task<AgreementView> ProposeAgreementAsync(AgreementKey key, AgreementTerms terms, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, AgreementPath(key), Json(terms, Types.AgreementTerms), Types.AgreementView, cancellationToken);

    /// <inheritdoc />
    public Task<AgreementView> AcceptAgreementAsync(AgreementKey key, int version, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, AgreementPath(key) + "/accept", Json(new AcceptAgreementRequest(version), Types.AcceptAgreementRequest), Types.AgreementView, cancellationToken);

    /// <inheritdoc />
    public Task<AgreementView> ChangeAgreementAsync(AgreementKey key, AgreementAction action, CancellationToken cancellationToken = default) =>
        action is AgreementAction.Suspend or AgreementAction.Resume or AgreementAction.Revoke
            ? SendAsync(HttpMethod.Post, $"{AgreementPath(key)}/{action.ToString().ToLowerInvariant()}", null, Types.AgreementView, cancellationToken)
            : throw new ArgumentException($"{action} is not a change: use ProposeAgreementAsync or AcceptAgreementAsync.");

    /// <inheritdoc />
    public Task<AgreementView[]> ListAgreementsAsync(string force, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/forces/{Segment(force)}/agreements", null, Types.AgreementViewArray, cancellationToken);

    /// <inheritdoc />
    public Task<AuditExport> GetAuditAsync(string force, DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/forces/{Segment(force)}/audit{(since is { } s ? "?since=" + Segment(s.ToString("O")) : "")}", null, Types.AuditExport, cancellationToken);

    /// <inheritdoc />
    public Task<AuditVerification> VerifyAuditAsync(string force, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/forces/{Segment(force)}/audit/verify", null, Types.AuditVerification, cancellationToken);

    /// <inheritdoc />
    public Task<AuditPartnerVerification> VerifyAuditWithPartnersAsync(string force, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/forces/{Segment(force)}/audit/verify-with-partners", null, Types.AuditPartnerVerification, cancellationToken);

    /// <inheritdoc />
    public Task<StatsView> GetStatsAsync(string force, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/forces/{Segment(force)}/stats", null, Types.StatsView, cancellationToken);

    private static string AgreementPath(AgreementKey key) => $"v1/agreements/{Segment(key.Owner)}/{Segment(key.Requester)}";
}
