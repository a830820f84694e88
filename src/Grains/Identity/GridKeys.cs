using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Identity;

/// <summary>Purpose-bound keys derived from the cluster secret, so one leaked derived key does not reveal the others.</summary>
public sealed class GridKeys(IOptions<GridSecurityOptions> options)
{
    public byte[] InternalCallKey { get; } = Derive(options.Value, "grid.internal-call.v1");

    public byte[] SearchTicketKey { get; } = Derive(options.Value, "grid.search-ticket.v1");

    private static byte[] Derive(GridSecurityOptions options, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, options.SecretBytes(), 32, info: Encoding.ASCII.GetBytes(purpose));
}
