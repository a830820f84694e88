namespace Grid.Contracts.Galleries;

/// <summary>Force ids: an ISO 3166 alpha-2 country code, optionally followed by <c>-AGENCY</c> (<c>DE-BKA</c>).</summary>
public static class ForceIds
{
    public const int MaxAgencyLength = 16;

    public static bool IsValid(string? force)
    {
        if (string.IsNullOrEmpty(force) || force.Length < 2 || !char.IsAsciiLetterUpper(force[0]) || !char.IsAsciiLetterUpper(force[1]))
            return false;
        if (force.Length == 2) return true;
        var agency = force.AsSpan(3);
        return force[2] == '-' && agency.Length is > 0 and <= MaxAgencyLength
            && !agency.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    }

    public static void Validate(string? force)
    {
        if (!IsValid(force))
            throw new ArgumentException(
                $"Force id '{force}' is invalid: use an ISO 3166 alpha-2 code, optionally with -AGENCY (A-Z 0-9, up to {MaxAgencyLength}), e.g. NL or DE-BKA.");
    }
}
