using System.Globalization;
using System.Security.Cryptography;
using Grid.Contracts.Identity;
using Grid.Grains.Security;

namespace Grid.Grains.Identity;

/// <summary>
/// Proof that a grain call comes from a silo of this cluster: <c>v2.&lt;unix ms&gt;.&lt;nonce&gt;.&lt;HMAC&gt;</c>
/// over time, nonce, target grain, method, the principal the call acts for and a digest of its arguments, keyed
/// with a secret derived from the cluster secret. A ticket seen on the wire is therefore no use for another call,
/// another principal or other arguments; the short lifetime bounds replay of the very same call. Clients never hold
/// the key, so they cannot make one. (Chosen over mutual-TLS silo identity alone: TLS says which silo sent a call,
/// not on whose behalf; this binds the principal too, and keeps holding when a gateway client is inside TLS.)
/// </summary>
public sealed class InternalCallTicket(byte[] key, TimeSpan lifetime)
{
    private const string Version = "v2";

    public string Stamp(string target, string method, Principal? principal, ReadOnlySpan<byte> argumentDigest, DateTimeOffset now)
    {
        var millis = now.ToUnixTimeMilliseconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return $"{Version}.{millis}.{nonce}.{Mac(millis, nonce, target, method, principal, argumentDigest)}";
    }

    public bool Verify(string? ticket, string target, string method, Principal? principal, ReadOnlySpan<byte> argumentDigest, DateTimeOffset now)
    {
        var parts = ticket?.Split('.');
        if (parts is not [Version, var time, var nonce, var mac] ||
            !long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(millis, 0, 253402300799999));
        return age.Duration() <= lifetime &&
            CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(mac), System.Text.Encoding.ASCII.GetBytes(Mac(millis, nonce, target, method, principal, argumentDigest)));
    }

    private string Mac(long millis, string nonce, string target, string method, Principal? p, ReadOnlySpan<byte> argumentDigest) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, new CanonicalWriter("grid.internal-call.v2")
            .Long(millis).String(nonce).String(target).String(method)
            .String(p?.Force?.Value).String(p?.User).Int((int)(p?.Roles ?? Role.None)).Int(p is null ? -1 : p.IsOperator ? 1 : 0)
            .String(Convert.ToHexStringLower(argumentDigest)).ToArray()));
}
