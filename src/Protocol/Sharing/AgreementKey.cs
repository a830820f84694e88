namespace Grid.Protocol.Sharing;

/// <summary><c>OWNER-&gt;REQUESTER</c>: the owner shares, the requester searches. In URLs: <c>/v1/agreements/OWNER/REQUESTER</c>.</summary>
public sealed record AgreementKey(string Owner, string Requester)
{
    /// <summary>The separator in the text form.</summary>
    public const string Separator = "->";

    /// <summary>Parses <c>OWNER-&gt;REQUESTER</c>.</summary>
    public static AgreementKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at + Separator.Length >= text.Length)
            throw new FormatException($"'{text}' is not an agreement key of the form OWNER->REQUESTER.");
        return new AgreementKey(text[..at].Trim(), text[(at + Separator.Length)..].Trim());
    }

    /// <inheritdoc />
    public override string ToString() => $"{Owner}{Separator}{Requester}";
}
