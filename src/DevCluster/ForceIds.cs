using System.Text.RegularExpressions;

namespace Grid.DevCluster;

/// <summary>The force ids the local tool accepts before it names files after them (storage-F.account, client-F.crt):
/// an ISO country code, optionally -AGENCY, upper case (NL, DE-BKA), so no id can reach outside the keys folder.</summary>
public static partial class ForceIds
{
    public static bool IsValid(string force) => Pattern().IsMatch(force);

    [GeneratedRegex("^[A-Z]{2}(-[A-Z0-9]{1,16})?$")]
    private static partial Regex Pattern();
}
