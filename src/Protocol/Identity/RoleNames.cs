namespace Grid.Protocol.Identity;

/// <summary>Roles as the wire writes them: lower-case, dash-separated names.</summary>
public static class RoleNames
{
    private static readonly (Role Role, string Name)[] All =
    [
        (Role.Searcher, "searcher"), (Role.Enroller, "enroller"), (Role.Reviewer, "reviewer"),
        (Role.AgreementAdmin, "agreement-admin"), (Role.Auditor, "auditor"), (Role.ForceAdmin, "force-admin"),
    ];

    /// <summary>The names of every role in <paramref name="roles"/>.</summary>
    public static string[] ToNames(Role roles) => All.Where(r => (roles & r.Role) == r.Role).Select(r => r.Name).ToArray();

    /// <summary>Parses names (case-insensitive; <c>agreementadmin</c> also accepted); throws <see cref="FormatException"/> for an unknown one.</summary>
    public static Role Parse(IEnumerable<string> names) => names.Aggregate(Role.None, (all, name) =>
    {
        var match = All.FirstOrDefault(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase) ||
                                            string.Equals(r.Name.Replace("-", ""), name.Trim(), StringComparison.OrdinalIgnoreCase));
        return match.Role != Role.None
            ? all | match.Role
            : throw new FormatException($"Unknown role '{name}': use searcher, enroller, reviewer, agreement-admin, auditor or force-admin.");
    });
}
