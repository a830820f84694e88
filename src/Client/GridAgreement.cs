using Grid.Protocol.Sharing;

namespace Grid.Client;

/// <summary>One agreement, as <c>client.Agreement(key)</c>: the same verbs the agreement has in the grid.</summary>
public sealed class GridAgreement(IGridClient client, AgreementKey key)
{
    /// <summary>The agreement's key.</summary>
    public AgreementKey Key { get; } = key;

    /// <summary>Proposes (or re-proposes) terms.</summary>
    public Task<AgreementView> ProposeAsync(AgreementTerms terms, CancellationToken cancellationToken = default) => client.ProposeAgreementAsync(Key, terms, cancellationToken);

    /// <summary>Accepts exactly <paramref name="version"/>.</summary>
    public Task<AgreementView> AcceptAsync(int version, CancellationToken cancellationToken = default) => client.AcceptAgreementAsync(Key, version, cancellationToken);

    /// <summary>Pauses it.</summary>
    public Task<AgreementView> SuspendAsync(CancellationToken cancellationToken = default) => client.ChangeAgreementAsync(Key, AgreementAction.Suspend, cancellationToken);

    /// <summary>Resumes it.</summary>
    public Task<AgreementView> ResumeAsync(CancellationToken cancellationToken = default) => client.ChangeAgreementAsync(Key, AgreementAction.Resume, cancellationToken);

    /// <summary>Ends it.</summary>
    public Task<AgreementView> RevokeAsync(CancellationToken cancellationToken = default) => client.ChangeAgreementAsync(Key, AgreementAction.Revoke, cancellationToken);

    /// <summary>Reads it.</summary>
    public Task<AgreementView> GetAsync(CancellationToken cancellationToken = default) => client.GetAgreementAsync(Key, cancellationToken);
}
