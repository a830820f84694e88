using Grid.Client;
using Grid.Portal.Search;
using Grid.Protocol.Identity;

namespace Grid.Portal.Sessions;

/// <summary>
/// One signed-in examiner, held in the portal's memory only: the API key (inside <see cref="Grid"/>; never in a cookie),
/// whom it stands for, the photo of the search step in progress and the last searches' results.
/// </summary>
public sealed class PortalSession(string id, GridClient grid, PrincipalView principal, DateTimeOffset now) : IDisposable
{
    private const int SearchesKept = 20;
    private readonly List<SearchRecord> _searches = [];

    /// <summary>The random id the session cookie carries.</summary>
    public string Id { get; } = id;

    /// <summary>A client signed in with this examiner's key.</summary>
    public IGridClient Grid => grid;

    public PrincipalView Principal { get; } = principal;

    public string Force => Principal.Force ?? "";

    public DateTimeOffset LastSeen { get; private set; } = now;

    /// <summary>The uploaded photo while the examiner chooses a face; dropped when the search is made.</summary>
    public ProbePhoto? Photo { get; set; }

    public bool Has(Role role) => (RoleNames.Parse(Principal.Roles) & role) == role;

    public void Touch(DateTimeOffset now) => LastSeen = now;

    public void Add(SearchRecord search)
    {
        lock (_searches)
        {
            _searches.Insert(0, search);
            if (_searches.Count > SearchesKept) _searches.RemoveAt(_searches.Count - 1);
        }
    }

    public SearchRecord? FindSearch(string id)
    {
        lock (_searches) return _searches.Find(s => s.Id == id);
    }

    public IReadOnlyList<SearchRecord> Searches()
    {
        lock (_searches) return [.. _searches];
    }

    public void Dispose()
    {
        Photo = null;
        lock (_searches) _searches.Clear();
        grid.Dispose();
    }
}
