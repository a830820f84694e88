using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Grid.Contracts.Identity;

/// <summary>
/// A member force: an ISO 3166-1 alpha-2 country code in upper case, optionally followed by
/// <c>-AGENCY</c> (1–16 of A–Z, 0–9), e.g. <c>NL</c>, <c>DE-BKA</c>. The constructor validates,
/// so a <see cref="ForceId"/> in hand is always well formed.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.force-id")]
[JsonConverter(typeof(ForceIdJsonConverter))]
public sealed record ForceId
{
    // Officially assigned ISO 3166-1 alpha-2 codes. EU shorthands (EL for Greece, UK) are
    // deliberately absent: the grid uses ISO codes only so one force never has two ids.
    private static readonly FrozenSet<string> Countries = (
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ " +
        "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM " +
        "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS " +
        "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN " +
        "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ " +
        "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM " +
        "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV " +
        "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI " +
        "VN VU WF WS YE YT ZA ZM ZW").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    public const int MaxAgencyLength = 16;

    public ForceId(string value)
    {
        if (!IsValid(value, out var problem))
        {
            throw new ArgumentException(problem, nameof(value));
        }

        Value = value;
    }

    [Id(0)]
    public string Value { get; }

    public static ForceId Parse(string text) => new(text);

    public static bool TryParse(string? text, out ForceId? id)
    {
        id = text is not null && IsValid(text, out _) ? new ForceId(text) : null;
        return id is not null;
    }

    public static bool IsValid(string? text, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrEmpty(text) || text.Length < 2 || !Countries.Contains(text[..2]))
        {
            problem = $"'{text}' does not start with an upper-case ISO 3166-1 alpha-2 country code.";
            return false;
        }

        if (text.Length == 2)
        {
            return true;
        }

        var agency = text.AsSpan(3);
        if (text[2] != '-' || agency.Length is 0 or > MaxAgencyLength ||
            agency.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
        {
            problem = $"'{text}' must be CC or CC-AGENCY with an agency of 1 to {MaxAgencyLength} of A-Z and 0-9.";
            return false;
        }

        return true;
    }

    /// <summary>A force id is its string wherever a string key is wanted (grain keys, messages); the way back,
    /// which can fail, is <see cref="Parse"/>.</summary>
    public static implicit operator string(ForceId id) => id.Value;

    public override string ToString() => Value;
}
