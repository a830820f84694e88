using Grid.Contracts.Identity;

namespace Grid.Contracts.Sharing;

/// <summary>The key of an agreement grain: <c>OWNER-&gt;REQUESTER</c>. The owner shares, the requester searches.</summary>
[GenerateSerializer, Immutable, Alias("grid.agreement-key")]
public sealed record AgreementKey([property: Id(0)] ForceId Owner, [property: Id(1)] ForceId Requester)
{
    public const string Separator = "->";

    public static AgreementKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new FormatException($"'{text}' is not an agreement key of the form OWNER->REQUESTER.");
        }

        return new AgreementKey(ForceId.Parse(text[..at]), ForceId.Parse(text[(at + Separator.Length)..]));
    }

    public override string ToString() => $"{Owner}{Separator}{Requester}";
}
