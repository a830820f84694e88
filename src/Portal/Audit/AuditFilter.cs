using Grid.Protocol.Audit;

namespace Grid.Portal.Audit;

/// <summary>The audit page's filter: kind, partner, actor and case reference (substring, case-insensitive); newest first.</summary>
public sealed record AuditFilter(AuditKind? Kind, string? Partner, string? Actor, string? CaseReference)
{
    public const int PageSize = 200;

    public IReadOnlyList<AuditEntry> Apply(IEnumerable<AuditEntry> entries) => entries
        .Where(e => Kind is null || e.Kind == Kind)
        .Where(e => Matches(e.Partner, Partner) && Matches(e.Actor, Actor) && Matches(e.CaseReference, CaseReference))
        .OrderByDescending(e => e.Seq)
        .Take(PageSize)
        .ToList();

    private static bool Matches(string? value, string? wanted) =>
        string.IsNullOrWhiteSpace(wanted) || (value?.Contains(wanted.Trim(), StringComparison.OrdinalIgnoreCase) ?? false);
}
