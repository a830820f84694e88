namespace Grid.Silo;

/// <summary>One silo setting: its command-line switch, its key under <c>Grid:Silo</c> (environment
/// <c>Grid__Silo__KEY</c>), an optional GRID_ variable, and what it means.</summary>
public sealed record SiloSetting(string Switch, string Key, string Value, string Description)
{
    public string? Variable { get; init; }

    /// <summary>Shown instead of the default's value (e.g. a connection string holding a key).</summary>
    public string? DefaultText { get; init; }

    public string ConfigurationKey => $"{SiloOptions.Section}:{Key}";

    public string EnvironmentName => $"Grid__Silo__{Key}";

    /// <summary>The default as a fresh <see cref="SiloOptions"/> holds it: the one place defaults are written.</summary>
    public string Default => DefaultText ?? typeof(SiloOptions).GetProperty(Key)!.GetValue(new SiloOptions()) switch
    {
        null => "(none)",
        "" => "(required)",
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
