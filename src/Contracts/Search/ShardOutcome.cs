namespace Grid.Contracts.Search;

public enum ShardOutcome
{
    Answered = 0,
    Failed = 1,
    TimedOut = 2,
}
