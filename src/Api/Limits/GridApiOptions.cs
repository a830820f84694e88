namespace Grid.Api.Limits;

/// <summary>Configuration section <c>Grid:Api</c>: the front door's limits. Defaults suit one member force's tools; an
/// operator raises them per deployment (environment variables <c>Grid__Api__…</c>).</summary>
public sealed class GridApiOptions
{
    public const string Section = "Grid:Api";

    /// <summary>Largest JSON body (a search carries one 512-float probe: ~6 KB; agreements and users are smaller).</summary>
    public long MaxJsonBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest enrolment body (multipart: subjects + .npy). 1M templates is ~2 GiB of floats.</summary>
    public long MaxEnrolBodyBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest subjects part of an enrolment; it is the one part held in memory (≤ 129 bytes per row).</summary>
    public long MaxSubjectsPartBytes { get; set; } = 160L * 1024 * 1024;

    /// <summary>Rows one enrolment request may carry (the subjects part is held while the rows stream).</summary>
    public int MaxEnrolRows { get; set; } = 1_000_000;

    /// <summary>Folder for the private spool file a bulk enrolment is checked into before anything is stored (up to
    /// 2 KiB per row; default the system temporary folder). The file is 0600 and unlinked while open.</summary>
    public string? EnrolSpoolFolder { get; set; }

    /// <summary>Forces whose keys are accepted only over a connection that presents the force's own client certificate
    /// (issued by the grid's CA, <c>./grid.sh cert --force F</c>). Any force's certificate, when presented, must match its key.</summary>
    public string[] ClientCertificateForces { get; set; } = [];

    /// <summary>How many galleries one search may name.</summary>
    public int MaxGalleriesPerSearch { get; set; } = 16;

    /// <summary>How many partner forces one search may name.</summary>
    public int MaxPartnersPerSearch { get; set; } = 32;

    /// <summary>Requests per second one key may make (token bucket; bursts up to <see cref="PerKeyBurst"/>).</summary>
    public int PerKeyRequestsPerSecond { get; set; } = 200;

    public int PerKeyBurst { get; set; } = 400;

    /// <summary>Requests per second all keys of one force together may make.</summary>
    public int PerForceRequestsPerSecond { get; set; } = 500;

    public int PerForceBurst { get; set; } = 1000;

    /// <summary>Failed sign-ins one source address may make per minute before it is refused without any lookup.</summary>
    public int BadKeysPerAddressPerMinute { get; set; } = 20;
}
