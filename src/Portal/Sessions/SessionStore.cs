using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grid.Client;
using Grid.Portal.Hosting;

namespace Grid.Portal.Sessions;

/// <summary>
/// The portal's sessions, in memory: the cookie holds only a random 256-bit id; the key, the client and any photo stay
/// here and are dropped at sign-out or after <see cref="PortalOptions.IdleTimeout"/> without a request.
/// </summary>
public sealed class SessionStore(PortalOptions options) : IDisposable
{
    private readonly TimeProvider time = options.SessionClock;

    private readonly ConcurrentDictionary<string, PortalSession> _sessions = new(StringComparer.Ordinal);

    public TimeSpan IdleTimeout => options.IdleTimeout;

    /// <summary>Signs in with <paramref name="apiKey"/>: the grid must accept it and name a force user.</summary>
    /// <exception cref="GridException">The grid refused the key, or it is the operator's (the portal is for force users).</exception>
    public async Task<PortalSession> SignInAsync(string apiKey, CancellationToken cancellationToken)
    {
        Sweep();
        var grid = await GridClient.ConnectAsync(new GridClientOptions
        {
            Endpoint = options.Endpoint,
            CaCertificateFile = options.CaFile,
            ApiKey = apiKey,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        }, cancellationToken);
        try
        {
            var principal = await grid.WhoAmIAsync(cancellationToken);
            if (principal.IsOperator || principal.Force is null)
                throw new GridException("portal-force-users-only", 403, "The portal is for a member force's users; sign in with a force user's key, not the operator's.");
            var session = new PortalSession(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
                grid, principal, time.GetUtcNow());
            _sessions[session.Id] = session;
            return session;
        }
        catch
        {
            grid.Dispose();
            throw;
        }
    }

    /// <summary>The live session with this id, touched; null when unknown or idle too long (then it is ended).</summary>
    public PortalSession? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var session)) return null;
        var now = time.GetUtcNow();
        if (now - session.LastSeen > options.IdleTimeout)
        {
            End(id);
            return null;
        }
        session.Touch(now);
        return session;
    }

    public void End(string id)
    {
        if (_sessions.TryRemove(id, out var session)) session.Dispose();
    }

    /// <summary>Ends every idle session (run at each sign-in, so abandoned sessions do not pile up).</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
            if (now - session.LastSeen > options.IdleTimeout) End(id);
    }

    public void Dispose()
    {
        foreach (var id in _sessions.Keys) End(id);
    }
}
