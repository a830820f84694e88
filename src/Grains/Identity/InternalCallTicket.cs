using System.Globalization;
using System.Security.Cryptography;
using Grid.Grains.Security;

namespace Grid.Grains.Identity;

/// <summary>
/// Proof that a grain call comes from a silo of this cluster: <c>v1.&lt;unix ms&gt;.&lt;nonce&gt;.&lt;HMAC&gt;</c>
/// over time, nonce, target grain and method, keyed with a secret derived from the cluster secret.
/// Binding the target and method means a ticket seen on one call is no use for another; the short
/// lifetime bounds replay of the same call. Clients never hold the key, so they cannot make one.
/// </summary>
public sealed class InternalCallTicket(byte[] key, TimeSpan lifetime)
{
    private const string Version = "v1";

    public string Stamp(string target, string method, DateTimeOffset now)
    {
        var millis = now.ToUnixTimeMilliseconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return $"{Version}.{millis}.{nonce}.{Mac(millis, nonce, target, method)}";
    }

    public bool Verify(string? ticket, string target, string method, DateTimeOffset now)
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
                System.Text.Encoding.ASCII.GetBytes(mac), System.Text.Encoding.ASCII.GetBytes(Mac(millis, nonce, target, method)));
    }

    private string Mac(long millis, string nonce, string target, string method) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, new CanonicalWriter("grid.internal-call.v1")
            .Long(millis).String(nonce).String(target).String(method).ToArray()));
}
