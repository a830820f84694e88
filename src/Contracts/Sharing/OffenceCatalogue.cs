using System.Collections.Frozen;

namespace Grid.Contracts.Sharing;

/// <summary>
/// The documented list of purposes. The serious-crime codes follow the 32 categories of
/// Article 2(2) of Framework Decision 2002/584/JHA (the European Arrest Warrant list, all
/// punishable by at least three years) that Europol's mandate and Prüm II refer to; they all
/// meet the one-year threshold. The "minor-" codes are offences that in most member states carry
/// less than one year: a force may search its own galleries for them, never a partner's.
/// Codes are stable identifiers stored in agreements and audit entries: never rename one.
/// </summary>
public static class OffenceCatalogue
{
    public static IReadOnlyList<OffenceCategory> All { get; } =
    [
        Serious("participation-criminal-organisation", "Participation in a criminal organisation"),
        Serious("terrorism", "Terrorism"),
        Serious("trafficking-human-beings", "Trafficking in human beings"),
        Serious("sexual-exploitation-children", "Sexual exploitation of children and child pornography"),
        Serious("drug-trafficking", "Illicit trafficking in narcotic drugs and psychotropic substances"),
        Serious("arms-trafficking", "Illicit trafficking in weapons, munitions and explosives"),
        Serious("corruption", "Corruption"),
        Serious("fraud", "Fraud, including fraud against the financial interests of the Union"),
        Serious("money-laundering", "Laundering of the proceeds of crime"),
        Serious("counterfeiting-currency", "Counterfeiting currency, including the euro"),
        Serious("computer-crime", "Computer-related crime"),
        Serious("environmental-crime", "Environmental crime, including trafficking in endangered species"),
        Serious("facilitation-unauthorised-entry", "Facilitation of unauthorised entry and residence"),
        Serious("murder", "Murder, grievous bodily injury"),
        Serious("organ-trafficking", "Illicit trade in human organs and tissue"),
        Serious("kidnapping", "Kidnapping, illegal restraint and hostage-taking"),
        Serious("racism-xenophobia", "Racism and xenophobia"),
        Serious("organised-armed-robbery", "Organised or armed robbery"),
        Serious("cultural-goods-trafficking", "Illicit trafficking in cultural goods, including antiques and works of art"),
        Serious("swindling", "Swindling"),
        Serious("racketeering-extortion", "Racketeering and extortion"),
        Serious("counterfeiting-products", "Counterfeiting and piracy of products"),
        Serious("forgery-documents", "Forgery of administrative documents and trafficking therein"),
        Serious("forgery-payment-means", "Forgery of means of payment"),
        Serious("hormone-trafficking", "Illicit trafficking in hormonal substances and other growth promoters"),
        Serious("nuclear-trafficking", "Illicit trafficking in nuclear or radioactive materials"),
        Serious("stolen-vehicles-trafficking", "Trafficking in stolen vehicles"),
        Serious("rape", "Rape"),
        Serious("arson", "Arson"),
        Serious("icc-crimes", "Crimes within the jurisdiction of the International Criminal Court"),
        Serious("unlawful-seizure-aircraft-ships", "Unlawful seizure of aircraft or ships"),
        Serious("sabotage", "Sabotage"),
        new("missing-person", "Search for a missing person", false, true),
        new("unidentified-remains", "Identification of unidentified human remains", false, true),
        new("minor-theft", "Theft of low value", false, false),
        new("minor-public-order", "Public-order offence", false, false),
        new("minor-traffic", "Traffic offence", false, false),
        // Not an offence: accuracy evaluation on test data. Own galleries only, and logged like any search.
        new(SystemEvaluation, "Evaluation of the grid's accuracy on test data (own galleries only)", false, false),
    ];

    public const string SystemEvaluation = "system-evaluation";

    private static readonly FrozenDictionary<string, OffenceCategory> ByCode =
        All.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);

    public static bool TryGet(string? code, out OffenceCategory? category)
    {
        category = code is null ? null : ByCode.GetValueOrDefault(code);
        return category is not null;
    }

    public static OffenceCategory Get(string code) =>
        TryGet(code, out var category) ? category! : throw new KeyNotFoundException($"'{code}' is not an offence category of the grid.");

    private static OffenceCategory Serious(string code, string title) => new(code, title, true, false);
}
