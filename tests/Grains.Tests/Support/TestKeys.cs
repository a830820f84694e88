using System.Security.Cryptography;
using Grid.Grains.Identity;
using Grid.Grains.Sharing;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Tests.Support;

/// <summary>Silo key material for unit tests: a <see cref="GridKeys"/> as a silo with this cluster secret (and
/// these per-force settings) would derive it.</summary>
public static class TestKeys
{
    public static GridKeys Keys(byte[]? secret = null, Action<GridSecurityOptions>? configure = null)
    {
        var options = new GridSecurityOptions { ClusterSecret = Convert.ToBase64String(secret ?? RandomNumberGenerator.GetBytes(32)) };
        configure?.Invoke(options);
        return new GridKeys(Options.Create(options));
    }

    public static SearchTicketSigner Signer(TimeSpan lifetime, byte[]? secret = null) => new(Keys(secret), lifetime);

    /// <summary>An audit key as a silo would derive it for <paramref name="force"/>.</summary>
    public static byte[] Audit(Grid.Contracts.Identity.ForceId force, byte[]? secret = null) => Keys(secret ?? FixedSecret).AuditKey(force);

    public static readonly byte[] FixedSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
}
