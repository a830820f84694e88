using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Grid.Contracts.Identity;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Identity;

/// <summary>
/// Purpose-bound keys derived (HKDF-SHA256) from secrets only silos hold, so one leaked derived key does not
/// reveal the others and nothing in blob storage or grain state can recompute them:
/// <list type="bullet">
/// <item>internal-call and state-seal keys from the cluster secret (every silo);</item>
/// <item>a force's audit key from the cluster secret and the force id (the audit grain may run on any silo);</item>
/// <item>a force's ECDSA P-256 search-ticket key from <c>Grid:Security:Forces:{F}:Secret</c> when this silo holds
/// it (set only on F's own pinned silos, where F's agreement grains run), else from the cluster secret for
/// forces that run no silos of their own (the shared pool signs for them). Verifiers take the public key from
/// the private one where it is held, else from <c>Grid:Security:Forces:{F}:PublicKey</c>.</item>
/// </list>
/// </summary>
public sealed class GridKeys
{
    private static readonly BigInteger P256Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    private readonly GridSecurityOptions _options;
    private readonly byte[] _clusterSecret;
    private readonly ConcurrentDictionary<string, ECDsa?> _signing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ECDsa?> _verifying = new(StringComparer.Ordinal);

    public GridKeys(IOptions<GridSecurityOptions> options)
    {
        _options = options.Value;
        _clusterSecret = _options.SecretBytes();
        InternalCallKey = Derive(_clusterSecret, "grid.internal-call.v2");
        StateSealKey = Derive(_clusterSecret, "grid.state-seal.v1");
        BackupKey = Derive(_clusterSecret, "grid.backup.v1");
    }

    public byte[] InternalCallKey { get; }

    /// <summary>MAC key for security state in grain storage (see <c>StateSeal</c>).</summary>
    public byte[] StateSealKey { get; }

    /// <summary>MACs a force's backup manifest (Grains/Backup): a backup restores only into a grid with this secret.</summary>
    public byte[] BackupKey { get; }

    /// <summary>The key of <paramref name="force"/>'s audit chain (HMAC-SHA256).</summary>
    public byte[] AuditKey(ForceId force) => Derive(_clusterSecret, "grid.audit.v2|" + force.Value);

    /// <summary>True when this silo may sign search tickets for <paramref name="force"/>.</summary>
    public bool CanSign(ForceId force) => SigningKey(force) is not null;

    /// <summary>The owner's private ticket key, or null when this silo must not hold it (the force has its own
    /// silos and secret, and this is not one of them).</summary>
    public ECDsa? SigningKey(ForceId force) => _signing.GetOrAdd(force.Value, _ =>
    {
        // A silo labelled with a country (DE) also hosts that country's agencies (DE-BKA) unless they have their own.
        var own = _options.Forces.GetValueOrDefault(force.Value) ?? _options.Forces.GetValueOrDefault(force.Value[..2]);
        if (own is { Secret.Length: > 0 }) return FromSecret(GridSecurityOptions.Decode(own.Secret, $"Forces:{force}:Secret"), force);
        // A force that declares a public key runs its own silos: only they may sign for it.
        return own is { PublicKey.Length: > 0 } ? null : FromSecret(_clusterSecret, force);
    });

    /// <summary>The owner's public ticket key, or null when this silo knows none (then no ticket of that owner verifies).</summary>
    public ECDsa? VerifyingKey(ForceId force) => _verifying.GetOrAdd(force.Value, _ =>
    {
        if ((_options.Forces.GetValueOrDefault(force.Value) ?? _options.Forces.GetValueOrDefault(force.Value[..2])) is { PublicKey.Length: > 0 } declared)
        {
            var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(Convert.FromBase64String(declared.PublicKey), out var _);
            return ec;
        }

        return SigningKey(force) is { } signing ? PublicOf(signing) : null;
    });

    /// <summary>Base64 SubjectPublicKeyInfo of a force's ticket key, for <c>Grid:Security:Forces:{F}:PublicKey</c> elsewhere.</summary>
    public static string PublicKeyFromSecret(byte[] secret, ForceId force) =>
        Convert.ToBase64String(FromSecret(secret, force).ExportSubjectPublicKeyInfo());

    private static ECDsa FromSecret(byte[] secret, ForceId force)
    {
        // A P-256 scalar in [1, n-1] from 48 derived bytes (reduced modulo n-1, plus 1: the bias is 2^-128).
        var wide = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 48, info: Encoding.ASCII.GetBytes("grid.search-ticket.ecdsa.v1|" + force.Value));
        var scalar = new BigInteger(wide, isUnsigned: true, isBigEndian: true) % (P256Order - 1) + 1;
        var d = new byte[32];
        scalar.TryWriteBytes(d.AsSpan(32 - scalar.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
    }

    private static ECDsa PublicOf(ECDsa key)
    {
        var ec = ECDsa.Create();
        ec.ImportParameters(key.ExportParameters(includePrivateParameters: false));
        return ec;
    }

    private static byte[] Derive(byte[] secret, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes(purpose));
}
