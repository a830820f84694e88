using System.Security.Cryptography.X509Certificates;

namespace Grid.Api.Authentication;

/// <summary>
/// A member force's client certificate: issued by the grid's CA (checked during the TLS handshake, which refuses any
/// other issuer) with subject <c>O=grid-force, CN=FORCE</c> and the clientAuth usage (<c>./grid.sh cert --force F</c>).
/// It binds a connection to one force: a key of another force presented over it is refused, and a force configured to
/// require certificates (<see cref="Limits.GridApiOptions.ClientCertificateForces"/>) is refused without one.
/// </summary>
public static class ForceCertificate
{
    public const string Organisation = "grid-force";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>The force a client certificate names, or null when it is not a force certificate (the silos' own, say).</summary>
    public static string? ForceOf(X509Certificate2 certificate)
    {
        var subject = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Select(n => (Oid: n.GetSingleElementType().Value, Value: n.GetSingleElementValue()))
            .ToArray();
        if (!subject.Any(n => n.Oid == "2.5.4.10" && n.Value == Organisation)) return null;
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>());
        if (!usages.Any(u => u.Value == ClientAuthentication)) return null;
        return subject.FirstOrDefault(n => n.Oid == "2.5.4.3").Value is { Length: > 0 } force ? force : null;
    }

    /// <summary>Why a caller of <paramref name="keyForce"/> (null = the operator) may not proceed over this connection, or null.</summary>
    public static string? Refusal(X509Certificate2? certificate, string? keyForce, IReadOnlyCollection<string> requiredFor)
    {
        var certificateForce = certificate is null ? null : ForceOf(certificate);
        if (certificate is not null && certificateForce is null)
            return "The client certificate is not a force certificate of this grid (subject O=grid-force, CN=FORCE, clientAuth).";
        if (certificateForce is not null && certificateForce != keyForce)
            return $"The client certificate is force {certificateForce}'s; the API key is {(keyForce is null ? "the operator's" : $"force {keyForce}'s")}. Use your own force's certificate.";
        if (keyForce is not null && certificateForce is null && requiredFor.Contains(keyForce))
            return $"Force {keyForce} signs in only with its client certificate as well as its key (--client-cert; ./grid.sh cert --force {keyForce}).";
        return null;
    }
}
