namespace Grid.Contracts.Sharing;

public enum AgreementAction
{
    Propose = 1,
    Accept = 2,
    Suspend = 3,
    Resume = 4,
    Revoke = 5,
}
