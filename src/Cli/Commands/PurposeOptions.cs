using System.CommandLine;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;

namespace Grid.Cli.Commands;

/// <summary>The purpose every search states: offence category, case reference, subject category sought and a
/// justification. All four are required, for partners' galleries and the caller's own alike; all are logged.</summary>
public sealed class PurposeOptions
{
    private readonly Option<string> _offence = new("--purpose") { Description = "Offence category code (gridctl offences lists them).", Required = true };
    private readonly Option<string> _case = new("--case") { Description = "Case reference.", Required = true };
    private readonly Option<SubjectCategory> _category = new("--category") { Description = "Subject category sought: Suspect, Convicted, Victim, Missing, UnidentifiedRemains.", Required = true };
    private readonly Option<string> _justification = new("--justification") { Description = "Why this search is necessary (at least 10 characters).", Required = true };

    public void AddTo(Command command)
    {
        command.Options.Add(_offence);
        command.Options.Add(_case);
        command.Options.Add(_category);
        command.Options.Add(_justification);
    }

    public SearchPurpose Read(ParseResult parse) =>
        new(parse.GetValue(_offence)!, parse.GetValue(_case)!, parse.GetValue(_category), parse.GetValue(_justification)!);
}
